package io.shadowgate.cli;

import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.Replayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.TrafficSources;
import io.shadowgate.traffic.TrafficScan;
import io.shadowgate.traffic.TrafficSource;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the whole client path (scheduler, codecs, pools, recorders, the simulated server)
 * against a throwaway simulated server before the measured run, so the JIT has compiled it
 * by the time the first measured request is due. Without this the first second of a run on
 * two cores is sent hundreds of milliseconds late at p99 (measured in bench/README.md: 336 and
 * 392 ms without, about 1 ms with), lateness that belongs to the tool, not to the targets. No
 * request reaches the scenario's targets.
 *
 * <p>A slow run warms up for 1.5 s at 2,000 requests/s. A fast one (above {@value #FAST_RUN}
 * requests/s) needs the JIT's optimising compiler finished with the hot path, which on two cores
 * takes it several seconds of CPU: started with 1.5 s of warm-up, a run at saturation spent its
 * first three seconds sharing a core with the compiler and sent its first at less than half its
 * later rate. So a fast run's warm-up goes on at {@value #FAST_RATE} requests/s until the
 * compiler has settled (under a tenth of its time compiling over a quarter of a second) or
 * {@link #FAST_MAX} has passed, then for {@link #SECOND_PHASE} more against a fresh server:
 * ending the first phase threw away compiled code the run shares (JFR's deoptimization
 * events: about ninety methods, from the event loop's own to the recorders'), and the run's
 * first second went out at half its rate while it was compiled again; with the second phase
 * it goes out at full rate (bench/README.md, "The run's first second").
 */
final class Warmup {

    static final Duration DURATION = Duration.ofMillis(1500);
    static final double RATE = 2_000;
    /** Above this average rate (requests/s) a run warms up until the JIT settles. */
    static final double FAST_RUN = 5_000;
    static final double FAST_RATE = 20_000;
    static final Duration FAST_MAX = Duration.ofSeconds(6);
    /** A fast run's second warm-up phase, after the first has settled (see {@link #run}). */
    static final Duration SECOND_PHASE = Duration.ofSeconds(1);
    private static final long LOOK_MILLIS = 250;
    /** Compiler time per look below which the JIT counts as settled: a tenth of the look. */
    private static final long SETTLED_COMPILE_MILLIS = LOOK_MILLIS / 10;

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

    /** The average rate of {@code scan}'s schedule in requests/s; 0 for an empty or instant one. */
    static double rate(TrafficScan scan) {
        return scan.spanMicros() <= 0 ? 0 : scan.records() * 1e6 / scan.spanMicros();
    }

    /**
     * Warms up the client path as {@code scenario}'s run will use it: a sink {@code twin} makes
     * of the same classes as the run's (see {@link RunOutcomes#warmupTwin}), and response bodies
     * kept if the run keeps them, so the JIT does not meet new types or branches once the
     * measured run begins: that throws compiled code away, and the run's first second went out
     * at less than half its rate while it was compiled again.
     *
     * @param runRate the run's average rate in requests/s (see {@link #rate}); above
     *                {@value #FAST_RUN} the warm-up lasts until the JIT settles
     */
    static void run(Scenario scenario, boolean keepBodies, double runRate, Function<MetricsRecorder, RunOutcomes> twin) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean untilSettled = runRate > FAST_RUN && jit != null && jit.isCompilationTimeMonitoringSupported();
        if (!untilSettled) {
            phase(scenario, keepBodies, twin,
                    new TrafficSpec(DURATION, RATE, TrafficSpec.Arrivals.POISSON, templates(scenario)), null);
            return;
        }
        phase(scenario, keepBodies, twin, new TrafficSpec(FAST_MAX, FAST_RATE, TrafficSpec.Arrivals.POISSON,
                templates(scenario)), jit);
        // Stopping the first phase and shutting its client and server down took branches the
        // JIT had never seen, and threw away compiled code the run shares with them (the event
        // loop, the recorders); the run then spent its first second recompiling it. A second
        // phase, ending by itself, compiles it again with those branches known.
        phase(scenario, keepBodies, twin, new TrafficSpec(SECOND_PHASE, FAST_RATE, TrafficSpec.Arrivals.POISSON,
                templates(scenario)), null);
    }

    /** One warm-up against a fresh simulated server; with {@code jit}, it ends once the JIT has settled. */
    private static void phase(Scenario scenario, boolean keepBodies, Function<MetricsRecorder, RunOutcomes> twin,
                              TrafficSpec spec, CompilationMXBean jit) {
        SimulatedProfile instant = new SimulatedProfile("warmup", LatencyProfile.INSTANT, 0, 503, List.of());
        try (SimulatedServer server = SimulatedServer.start(instant, "127.0.0.1", 0, 0)) {
            URI address = server.address();
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put(Scenario.BASELINE, address);
            targets.put(Scenario.CANDIDATE, address);
            ScheduleCounter counter = new ScheduleCounter();
            ReplayOptions options = ReplayOptions.of(scenario.timeouts(), scenario.connections()).withKeepBodies(keepBodies);
            // Opened as the run opens its traffic, so the scheduler meets the same stream classes.
            TrafficSource traffic = TrafficSources.open(TrafficInput.synthesized(spec), scenario.seed(),
                    RunTargets.sideEffectsAllowed(scenario));
            try (MetricsRecorder recorder = new MetricsRecorder(List.copyOf(targets.keySet()), counter, 250)) {
                RunOutcomes sink = twin.apply(recorder);
                try (ResponseComparisonRecorder responses = sink.responses()) {
                    warmUp(targets, options, sink, counter.counting(traffic), jit);
                }
                recorder.close();
                recorder.summaries(Map.of());
            }
        } catch (TargetUnreachableException | RuntimeException e) {
            // Warming up is an optimisation: the measured run reports any real problem itself.
        }
    }

    /** Replays {@code traffic} into {@code sink}; with {@code jit}, stops once it has settled. */
    private static void warmUp(Map<String, URI> targets, ReplayOptions options, RunOutcomes sink, TrafficSource traffic,
                               CompilationMXBean jit) throws TargetUnreachableException {
        try (Replayer replayer = new Replayer(targets, options, sink); traffic) {
            replayer.connect();
            Thread watch = jit != null ? stopWhenSettled(jit, replayer) : null;
            try {
                replayer.replay(traffic);
            } finally {
                if (watch != null) {
                    watch.interrupt();
                }
            }
        }
    }

    /** Stops {@code replayer} once {@link #DURATION} has passed and the JIT has settled. */
    private static Thread stopWhenSettled(CompilationMXBean jit, Replayer replayer) {
        Thread watch = new Thread(() -> {
            try {
                Thread.sleep(DURATION.toMillis());
                long before = jit.getTotalCompilationTime();
                while (!replayer.isStopped()) {
                    Thread.sleep(LOOK_MILLIS);
                    long now = jit.getTotalCompilationTime();
                    if (now - before < SETTLED_COMPILE_MILLIS) {
                        replayer.stop();
                    }
                    before = now;
                }
            } catch (InterruptedException e) {
                // The warm-up ended by itself (FAST_MAX).
            }
        }, "shadowgate-warmup-watch");
        watch.setDaemon(true);
        watch.start();
        return watch;
    }
}
