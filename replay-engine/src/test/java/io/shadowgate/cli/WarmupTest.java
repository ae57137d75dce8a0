package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.LiveFigures;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.traffic.TrafficScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
     * A fast run warms up until the JIT settles, at most {@link Warmup#FAST_MAX}, then once more
     * for {@link Warmup#SECOND_PHASE}: each phase ends by itself, and its outcomes go to a
     * throwaway sink of its own, answered by its own server.
     */
    @Test
    void aFastRunsWarmUpEndsByItselfAndKeepsItsOutcomesToItself() throws Exception {
        long started = System.nanoTime();
        List<MetricsRecorder> phases = warmUp(50_000);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(phases).hasSize(2).doesNotHaveDuplicates();
        // Every request each phase sent had its answer, from its own local server (the scenario's targets are down).
        for (MetricsRecorder phase : phases) {
            for (LiveFigures.Target target : phase.live().targets()) {
                assertThat(target.completed()).as(target.target()).isPositive();
                assertThat(target.errors()).as(target.target()).isZero();
            }
        }
        assertThat(seconds).as("bounded by FAST_MAX, the second phase and the drains after them").isLessThan(
                Warmup.FAST_MAX.toSeconds() + Warmup.SECOND_PHASE.toSeconds() + 10);
    }

    /** A slow run warms up once, for {@link Warmup#DURATION}. */
    @Test
    void aSlowRunsWarmUpIsOnePhase() throws Exception {
        List<MetricsRecorder> phases = warmUp(100);

        assertThat(phases).hasSize(1);
        assertThat(phases.get(0).live().targets()).allSatisfy(t -> assertThat(t.completed()).isPositive());
    }

    /** Warms up for a synthesized run at {@code rate} requests/s to unreachable targets; the recorder of each phase. */
    private List<MetricsRecorder> warmUp(int rate) throws Exception {
        Path file = dir.resolve("warm-" + rate + ".yaml");
        Files.writeString(file, """
                name: warm
                targets:
                  baseline: {url: "http://127.0.0.1:9"}
                  candidate: {url: "http://127.0.0.1:9"}
                traffic:
                  synth: {duration: 10s, rate: %d, requests: [{path: /v1/predict}]}
                """.formatted(rate));
        Scenario scenario = ScenarioLoader.load(file).scenario();
        List<MetricsRecorder> phases = new ArrayList<>();
        Warmup.run(scenario, false, rate, metrics -> {
            phases.add(metrics);
            return RunOutcomes.warmupTwin(metrics, scenario, true, null, false);
        });
        return phases;
    }

    private static TrafficScan scan(long records, long spanMicros) {
        return new TrafficScan("synth", "", "records", records, 0, List.of(), null, Map.of(), spanMicros);
    }
}
