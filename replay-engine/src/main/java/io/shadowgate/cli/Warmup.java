package io.shadowgate.cli;

import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.Replayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.SynthesizedTraffic;
import io.shadowgate.traffic.TrafficSource;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole client path (scheduler, codecs, pools, recorders, the simulated server)
 * against a throwaway simulated server before the measured run, so the JIT has compiled it
 * by the time the first measured request is due. Without this the first second of a run on
 * two cores is sent hundreds of milliseconds late at p99 (measured in bench/README.md: 336 and
 * 392 ms without, about 1 ms with), lateness that belongs to the tool, not to the targets. No request reaches the scenario's targets.
 */
final class Warmup {

    static final Duration DURATION = Duration.ofMillis(1500);
    static final double RATE = 2_000;

    private Warmup() {
    }

    /** The scenario's own templates when it has them, so body rendering warms up too; else a small mix. */
    private static List<RequestTemplate> templates(Scenario scenario) {
        if (scenario.traffic().isSynthesized()) {
            return scenario.traffic().synth().requests();
        }
        return List.of(
                new RequestTemplate("get", 1, "GET", "/healthz", Map.of(), null),
                new RequestTemplate("post", 1, "POST", "/v1/predict", Map.of("content-type", "application/json"),
                        "{\"id\": \"{{seq}}\", \"features\": {{features:8}}}"));
    }

    static void run(Scenario scenario) {
        SimulatedProfile instant = new SimulatedProfile("warmup", LatencyProfile.INSTANT, 0, 503, List.of());
        try (SimulatedServer server = SimulatedServer.start(instant, "127.0.0.1", 0, 0)) {
            URI address = server.address();
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put(Scenario.BASELINE, address);
            targets.put(Scenario.CANDIDATE, address);
            ScheduleCounter counter = new ScheduleCounter();
            TrafficSpec spec = new TrafficSpec(DURATION, RATE, TrafficSpec.Arrivals.POISSON, templates(scenario));
            ReplayOptions options = ReplayOptions.of(scenario.timeouts(), scenario.connections());
            try (MetricsRecorder recorder = new MetricsRecorder(List.copyOf(targets.keySet()), counter, 250);
                 Replayer replayer = new Replayer(targets, options, recorder);
                 TrafficSource traffic = counter.counting(new SynthesizedTraffic(spec, scenario.seed()))) {
                replayer.connect();
                replayer.replay(traffic);
                recorder.close();
                recorder.summaries(Map.of());
            }
        } catch (TargetUnreachableException | RuntimeException e) {
            // Warming up is an optimisation: the measured run reports any real problem itself.
        }
    }
}
