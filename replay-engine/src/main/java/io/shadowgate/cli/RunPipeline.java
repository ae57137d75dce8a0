package io.shadowgate.cli;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.ReplaySummary;
import io.shadowgate.replay.ShadowReplayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.report.HtmlReportWriter;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.VerdictJsonWriter;
import io.shadowgate.scenario.LoadedScenario;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioException;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.scenario.TargetSpec;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.TrafficScan;
import io.shadowgate.traffic.TrafficSources;
import io.shadowgate.traffic.TrafficSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main job, stage by stage: scenario → traffic → targets → replay → metrics → judge →
 * reports. Owns the run's resources (simulated servers, client) and releases them however the
 * run ends. On Ctrl-C the schedule stops, requests in flight finish, and the reports are
 * written from what was measured, marked partial.
 */
final class RunPipeline {

    /**
     * @param scenarioFile the scenario file
     * @param outDir       result directory, or null for the default under {@code reports/}
     * @param duration     traffic duration override, or null
     * @param rate         traffic rate override, or null
     * @param arguments    the command's arguments, for the reproduce line
     * @param warmup       whether to warm the client up against a throwaway server first
     * @param traffic      traffic replacing the scenario's ({@code --traffic}), or null
     */
    record Options(Path scenarioFile, Path outDir, Duration duration, Double rate, String arguments, boolean warmup,
                   TrafficInput traffic) {
    }

    /** The stored result and where its reports went. */
    record Outcome(RunResult result, Path reportDir) {
    }

    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Options options;

    RunPipeline(Options options) {
        this.options = options;
    }

    Outcome run() throws ScenarioException, BadInputException, TargetUnreachableException, IOException {
        LoadedScenario loaded = ScenarioLoader.load(options.scenarioFile());
        Scenario scenario = withOverrides(loaded.scenario());
        TrafficScan scan = scanTraffic(scenario);
        TrafficSource traffic = openTraffic(scenario);
        List<SimulatedServer> servers = new ArrayList<>();
        try {
            Map<String, URI> targets = startTargets(scenario, servers);
            if (options.warmup()) {
                Warmup.run(scenario);
            }
            return replayAndReport(loaded, scenario, scan, traffic, targets, servers);
        } finally {
            for (SimulatedServer server : servers) {
                server.close();
            }
        }
    }

    private Outcome replayAndReport(LoadedScenario loaded, Scenario scenario, TrafficScan scan, TrafficSource traffic,
                                    Map<String, URI> targets, List<SimulatedServer> servers) throws TargetUnreachableException, IOException {
        ScheduleCounter scheduled = new ScheduleCounter();
        List<String> roles = List.copyOf(targets.keySet());
        ReplayOptions replayOptions = ReplayOptions.of(scenario.timeouts(), scenario.connections());
        Instant started = Instant.now();
        ReplaySummary summary;
        List<TargetSummary> measured;
        Verdict verdict;
        CountDownLatch written = new CountDownLatch(1);
        Thread interrupt = null;
        try (MetricsRecorder recorder = new MetricsRecorder(roles, scheduled, MetricsRecorder.DEFAULT_INTERVAL_MILLIS);
             ShadowReplayer replayer = new ShadowReplayer(targets, replayOptions, recorder)) {
            replayer.connect();
            interrupt = stopOnInterrupt(replayer, written, scenario);
            try {
                // Simulated faults count from the schedule's start, not from the servers' start.
                summary = replayer.replay(scheduled.counting(traffic),
                        start -> servers.forEach(server -> server.anchorFaults(start)));
            } finally {
                traffic.close();
            }
            recorder.close();
            Map<String, String> addresses = new LinkedHashMap<>();
            targets.forEach((role, uri) -> addresses.put(role, uri.toString()));
            measured = recorder.summaries(addresses);
            verdict = judge(scenario, recorder, measured, summary.stopped());
            RunResult result = new RunResult(RunResult.SCHEMA_VERSION,
                    runInfo(loaded, scenario, scan, started, summary.stopped()), verdict, measured);
            Path dir = options.outDir() != null ? options.outDir() : defaultDir(scenario, started);
            new VerdictJsonWriter().write(result, dir);
            new HtmlReportWriter().write(result, dir);
            return new Outcome(result, dir);
        } finally {
            written.countDown();
            if (interrupt != null) {
                removeHook(interrupt);
            }
        }
    }

    private static Verdict judge(Scenario scenario, MetricsRecorder recorder, List<TargetSummary> measured, boolean partial) {
        Evidence evidence = new Evidence("all",
                recorder.latency(Scenario.BASELINE), recorder.latency(Scenario.CANDIDATE),
                measured.get(0).counts(), measured.get(1).counts());
        Verdict verdict = new Judge(scenario.gates()).judge(evidence);
        if (partial && verdict.decision() == Decision.GO) {
            // An interrupted run saw less than the scenario asked for: it cannot pre-authorize.
            List<String> reasons = new ArrayList<>(verdict.reasons());
            reasons.add(0, "the run was interrupted before its schedule ended; a partial run cannot pre-authorize");
            return new Verdict(Decision.INCONCLUSIVE, verdict.gates(), List.copyOf(reasons));
        }
        return verdict;
    }

    private Scenario withOverrides(Scenario scenario) throws BadInputException {
        if (options.traffic() != null) {
            scenario = scenario.withTraffic(options.traffic());
        }
        TrafficInput input = scenario.traffic();
        if (options.duration() == null && options.rate() == null) {
            return scenario;
        }
        if (!input.isSynthesized()) {
            throw new BadInputException("--duration and --rate apply to synthesized traffic; this scenario replays "
                    + input.describe());
        }
        TrafficSpec traffic = input.synth();
        if (options.duration() != null) {
            if (options.duration().isZero() || options.duration().isNegative()) {
                throw new BadInputException("--duration must be greater than 0, was " + options.duration());
            }
            traffic = traffic.withDuration(options.duration());
        }
        if (options.rate() != null) {
            if (!(options.rate() > 0)) {
                throw new BadInputException("--rate must be greater than 0, was " + options.rate());
            }
            traffic = traffic.withRate(options.rate());
        }
        return scenario.withTraffic(TrafficInput.synthesized(traffic));
    }

    /** Reads the traffic through once: a damaged file stops the run here, before anything is sent. */
    private TrafficScan scanTraffic(Scenario scenario) throws BadInputException {
        try {
            return TrafficSources.scan(scenario.traffic(), scenario.seed());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
    }

    private TrafficSource openTraffic(Scenario scenario) throws BadInputException {
        TrafficInput input = scenario.traffic();
        try {
            return TrafficSources.open(input, scenario.seed());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
    }

    /** The URL of every target, starting a simulated server on a loopback port for each simulated one. */
    private static Map<String, URI> startTargets(Scenario scenario, List<SimulatedServer> servers) {
        Map<String, URI> targets = new LinkedHashMap<>();
        long seedOffset = 0;
        // Baseline first, candidate second: reports and the judge rely on this order.
        for (String role : orderedRoles(scenario)) {
            TargetSpec spec = scenario.targets().get(role);
            if (spec.isSimulated()) {
                SimulatedServer server = SimulatedServer.start(spec.simulated(), "127.0.0.1", 0, scenario.seed() + (++seedOffset));
                servers.add(server);
                targets.put(role, server.address());
            } else {
                targets.put(role, spec.url());
            }
        }
        return targets;
    }

    private static List<String> orderedRoles(Scenario scenario) {
        List<String> roles = new ArrayList<>(List.of(Scenario.BASELINE, Scenario.CANDIDATE));
        for (String role : scenario.targets().keySet()) {
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    private RunInfo runInfo(LoadedScenario loaded, Scenario scenario, TrafficScan scan, Instant started, boolean partial) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String role : orderedRoles(scenario)) {
            TargetSpec spec = scenario.targets().get(role);
            versions.put(role, spec.isSimulated() ? spec.simulated().version() : "unknown");
        }
        return new RunInfo(scenario.name(), loaded.file().toString(), loaded.sha256(), VersionProvider.version(),
                scenario.seed(), scenario.mode().name().toLowerCase(java.util.Locale.ROOT), started, Instant.now(),
                partial, "shadowgate " + options.arguments(), versions, scan);
    }

    private static Path defaultDir(Scenario scenario, Instant started) {
        return Path.of("reports", scenario.name(), DIR_TIME.format(started));
    }

    /**
     * On Ctrl-C or SIGTERM: stop the schedule and hold the JVM until the reports are written,
     * bounded so a stuck run still exits.
     */
    private static Thread stopOnInterrupt(ShadowReplayer replayer, CountDownLatch written, Scenario scenario) {
        long waitMillis = scenario.timeouts().request().toMillis() + 15_000;
        Thread hook = new Thread(() -> {
            replayer.stop();
            try {
                written.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shadowgate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and waits for us.
        }
    }
}
