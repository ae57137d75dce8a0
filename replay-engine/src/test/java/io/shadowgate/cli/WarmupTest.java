package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.LiveFigures;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.traffic.TrafficScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupTest {

    @TempDir
    Path dir;

    @Test
    void aRunsRateIsItsRequestsOverItsSpan() {
        assertThat(Warmup.rate(scan(50_000, 10_000_000))).isEqualTo(5_000.0);
        assertThat(Warmup.rate(scan(1, 0))).isZero();
    }

    /**
     * A fast run warms up until the JIT settles, at most {@link Warmup#FAST_MAX}: the warm-up ends
     * by itself, and its outcomes go to the throwaway sink it asked for, answered by its own server.
     */
    @Test
    void aFastRunsWarmUpEndsByItselfAndKeepsItsOutcomesToItself() throws Exception {
        Path file = dir.resolve("fast.yaml");
        Files.writeString(file, """
                name: fast
                targets:
                  baseline: {url: "http://127.0.0.1:9"}
                  candidate: {url: "http://127.0.0.1:9"}
                traffic:
                  synth: {duration: 10s, rate: 50000, requests: [{path: /v1/predict}]}
                """);
        Scenario scenario = ScenarioLoader.load(file).scenario();
        AtomicReference<MetricsRecorder> warmed = new AtomicReference<>();
        long started = System.nanoTime();
        Warmup.run(scenario, false, 50_000, metrics -> {
            assertThat(warmed.getAndSet(metrics)).isNull();
            return RunOutcomes.warmupTwin(metrics, scenario, true, null, false);
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Every request the warm-up sent had its answer, from its own local server (the scenario's targets are down).
        for (LiveFigures.Target target : warmed.get().live().targets()) {
            assertThat(target.completed()).as(target.target()).isPositive();
            assertThat(target.errors()).as(target.target()).isZero();
        }
        assertThat(seconds).as("bounded by FAST_MAX and the drain after it").isLessThan(
                Warmup.FAST_MAX.toSeconds() + 10);
    }

    private static TrafficScan scan(long records, long spanMicros) {
        return new TrafficScan("synth", "", "records", records, 0, List.of(), null, Map.of(), spanMicros);
    }
}
