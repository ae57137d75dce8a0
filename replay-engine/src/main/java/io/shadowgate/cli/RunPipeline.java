package io.shadowgate.cli;

import io.shadowgate.compare.ContractRecorder;
import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.CapacityBudget;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.CapacityKnees;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.PaceCheck;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.metrics.WindowRecorder;
import io.shadowgate.rehearsal.Rollout;
import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.RolloutVerdict;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.TargetRouter;
import io.shadowgate.replay.ReplaySummary;
import io.shadowgate.replay.Replayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.report.EarlyStop;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.ReportWriters;
import io.shadowgate.report.RunResult;
import io.shadowgate.scenario.LoadedScenario;
import io.shadowgate.scenario.Mode;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioException;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.traffic.TrafficScan;
import io.shadowgate.traffic.TrafficSources;
import io.shadowgate.traffic.TrafficSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
     * @param window       evaluation window: each is judged on its own, and --stop-early looks after each;
     *                     null to judge the run as a whole only
     * @param stopEarly    whether to look after every window and stop at the first decision
     * @param live         progress on stderr and the metrics endpoint while the run lasts
     */
    record Options(Path scenarioFile, Path outDir, Duration duration, Double rate, String arguments, boolean warmup,
                   TrafficInput traffic, Duration window, boolean stopEarly, LiveOptions live) {
    }

    /** The stored result and where its reports went. */
    record Outcome(RunResult result, Path reportDir) {
    }

    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Options options;

    RunPipeline(Options options) {
        this.options = options;
    }

    /**
     * Runs and hands the outcome to {@code whenWritten} (to print its summary) once the reports
     * are written. On Ctrl-C the JVM is held until then and exits with the verdict's code.
     */
    Outcome run(Consumer<Outcome> whenWritten)
            throws ScenarioException, BadInputException, TargetUnreachableException, IOException {
        LoadedScenario loaded = ScenarioLoader.load(options.scenarioFile());
        Scenario scenario = ScenarioOverrides.apply(loaded.scenario(), options.traffic(), options.duration(),
                options.rate());
        if (scenario.mode() == Mode.SPLIT && options.stopEarly()) {
            throw new BadInputException("--stop-early: a split-mode rehearsal already judges each stage every "
                    + "rehearsal.look and stops when the shift is decided; leave --stop-early out");
        }
        TrafficScan scan = scanTraffic(scenario);
        RehearsalWarnings.print(scenario, scan, options.live().err());
        Path dir = options.outDir() != null ? options.outDir() : defaultDir(scenario, Instant.now());
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot create the result directory (" + e + ")");
        }
        try (RunTargets targets = RunTargets.start(scenario, System.getenv());
             TrafficSource traffic = openTraffic(scenario)) {
            return replayAndReport(loaded, scenario, scan, traffic, targets, dir, whenWritten);
        }
    }

    private Outcome replayAndReport(LoadedScenario loaded, Scenario scenario, TrafficScan scan, TrafficSource traffic,
                                    RunTargets targets, Path dir, Consumer<Outcome> whenWritten)
            throws TargetUnreachableException, IOException, BadInputException {
        ScheduleCounter scheduled = new ScheduleCounter();
        List<String> roles = List.copyOf(targets.endpoints().keySet());
        VersionObserver versions = new VersionObserver(scenario);
        boolean splitContract = scenario.mode() == Mode.SPLIT && scenario.gates().responses().maxBreaking() != null;
        ReplayOptions replayOptions = ReplayOptions.of(scenario.timeouts(), scenario.connections())
                .withKeepBodies(scenario.compare().enabled() || versions.needsResponses() || splitContract)
                .withStatedLatency(scenario.deterministicLatency());
        ResponseComparisonRecorder responses = scenario.compare().enabled()
                ? new ResponseComparisonRecorder(scenario.compare(), Scenario.BASELINE, Scenario.CANDIDATE,
                        RunTargets.noiseRole(scenario), scenario.seed())
                : null;
        // Split stages have no pairs; their contract check learns each side's schema from its own responses.
        ContractRecorder contracts = splitContract ? new ContractRecorder(Scenario.BASELINE, Scenario.CANDIDATE) : null;
        Rollout rollout = scenario.mode() == Mode.SPLIT ? new Rollout(scenario, FaultWindows.of(scenario),
                responses == null ? List.of() : List.of(responses),
                responses == null ? null : responses::findingsSoFar,
                contracts == null ? null : contracts::findingsSoFar) : null;
        CountDownLatch written = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCode.INTERNAL);
        Thread interrupt = null;
        int planned = rollout != null ? 0 : plannedWindows(scenario, scan);
        WindowRecorder windows = planned < 2 ? null : new WindowRecorder(Scenario.BASELINE, Scenario.CANDIDATE,
                window(scenario).toNanos(), scenario.seed());
        PairedLatencyRecorder pairs = RunOutcomes.pairs(scenario, windows);
        if (options.warmup()) {
            Warmup.run(scenario, replayOptions.keepBodies(), Warmup.rate(scan),
                    metrics -> RunOutcomes.warmupTwin(metrics, scenario, true, windows, responses != null));
        }
        Instant started = Instant.now();
        try (ResponseComparisonRecorder closeResponses = responses;
             Rollout closeRollout = rollout;
             MetricsRecorder recorder = MetricsRecorder.withIntervalLogs(roles, scheduled,
                     rollout == null ? Map.of() : rollout.scheduledByRole(), MetricsRecorder.DEFAULT_INTERVAL_MILLIS, dir);
             Replayer replayer = Replayer.routed(targets.endpoints(),
                     rollout == null ? TargetRouter.ALL : rollout.router(), replayOptions,
                     new RunOutcomes(recorder, versions, rollout == null ? null : rollout.ledger(), contracts, pairs,
                             windows, responses))) {
            replayer.connect();
            interrupt = InterruptHook.install(replayer, written, exitCode, scenario.timeouts().request());
            ReplaySummary summary;
            EarlyStopMonitor early = null;
            WindowMonitor windowMonitor = windows == null ? null : new WindowMonitor(
                    new Judge(scenario.gates(), scenario.seed()).withWindows(planned), windows,
                    scenario.timeouts().request().toNanos(), options.stopEarly() ? replayer : null,
                    scenario.capacity() != null);
            MetricsEndpoint metrics = null;
            ProgressReporter progress = null;
            try {
                RunPlan plan = RunPlan.of(scan);
                metrics = startMetrics(recorder, plan);
                progress = ProgressReporter.start(options.live().progress(), options.live().err(), recorder::live, plan);
                if (options.stopEarly()) {
                    early = new EarlyStopMonitor(scenario,
                            () -> RunAnalysis.scopes(scenario, recorder, pairs, recorder.summaries(targets.addresses())),
                            replayer, window(scenario), planned);
                }
                // Simulated faults and windows count from the schedule's start, not from the servers' start.
                summary = replayer.replay(scheduled.counting(traffic), start -> {
                    targets.anchorFaults(start);
                    if (rollout != null) {
                        rollout.start(start, replayer::stop);
                    }
                    if (windowMonitor != null) {
                        windowMonitor.scheduleStarted(start);
                    }
                });
            } finally {
                if (progress != null) {
                    progress.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
                if (early != null) {
                    early.close();
                }
                if (windowMonitor != null) {
                    windowMonitor.close();
                }
            }
            RolloutResult rolled = null;
            if (rollout != null) {
                rolled = rollout.finish(summary.stopped(), scan.records() - scheduled.total());
                if (summary.stopped()) {
                    UnreadRequests.account(scan, scheduled, recorder, rollout.scheduledByRole().get(
                            UnreadRequests.target(rolled)), UnreadRequests.target(rolled));
                }
            } else if (summary.stopped()) {
                UnreadRequests.account(scan, scheduled, recorder, null, null);
            }
            recorder.close();
            for (String problem : recorder.intervalLogProblems()) {
                options.live().err().println("shadowgate: warning: " + problem);
            }
            options.live().err().flush();
            List<TargetSummary> measured = recorder.summaries(targets.addresses());
            List<WindowVerdict> judgedWindows = windowMonitor == null ? List.of() : windowMonitor.finish();
            EarlyStop earlyStop = earlyStop(early, windowMonitor, window(scenario));
            boolean partial = summary.stopped() && earlyStop == null
                    && (rolled == null || rolled.outcome() == RolloutResult.Outcome.INCOMPLETE);
            int looks = early == null ? 0 : early.looks();
            // A look decides on the outcomes in by then; slow ones and pending timeouts were not.
            // So the verdict is judged again on the complete outcomes of everything sent, at the
            // deciding look's confidence: it may come out INCONCLUSIVE, never falsely confident.
            Judge judge = (early != null && early.decided() != null
                    ? Judge.atInterimLook(scenario.gates(), scenario.seed(), early.stop().look(), planned)
                    : Judge.afterLooks(scenario.gates(), scenario.seed(), looks, planned)).withWindows(planned);
            double alpha = 1 - scenario.gates().confidence();
            ResponseFindings findings = responses != null ? responses.findings(alpha)
                    : contracts != null ? contracts.findingsSoFar(alpha) : null;
            Verdict verdict = rolled != null ? RolloutVerdict.of(rolled)
                    : RunAnalysis.judge(judge, RunAnalysis.scopes(scenario, recorder, pairs, measured), judgedWindows,
                            findings, partial);
            List<CapacityCurves> capacity = scenario.capacity() == null ? null : CapacityKnees.find(
                    windowMonitor == null ? List.of() : windowMonitor.windows(),
                    CapacityBudget.of(scenario.gates().latency(), scenario.capacity().maxErrorRate()),
                    scenario.gates().confidence(), scenario.gates().minSamples());
            SchedulePace pace = pace(scan, summary, measured, scenario.connections().maxPerTarget(), options.live().err());
            RunResult result = versions.record(new RunResult(RunResult.SCHEMA_VERSION,
                    runInfo(loaded, scenario, scan, started, partial, earlyStop), verdict, measured, findings, rolled,
                    capacity).withPace(pace));
            ReportWriters.writeAll(result, dir);
            Outcome outcome = new Outcome(result, dir);
            whenWritten.accept(outcome);
            exitCode.set(verdict.decision().exitCode());
            return outcome;
        } finally {
            written.countDown();
            if (interrupt != null) {
                InterruptHook.remove(interrupt);
            }
        }
    }

    /**
     * Whether the replay kept its schedule, from what the replayer saw and what the targets
     * measured; a warning on {@code err} when it did not.
     */
    static SchedulePace pace(TrafficScan scan, ReplaySummary summary, List<TargetSummary> measured, int maxPerTarget,
                             PrintWriter err) {
        SchedulePace pace = PaceCheck.of(scan.records(), scan.spanMicros() / 1e6, summary.dispatched(),
                summary.lastSentNanos() / 1e9, summary.loopBusy(), summary.sent(), summary.waited(), measured, maxPerTarget);
        if (!pace.kept()) {
            err.println("shadowgate: warning: " + pace.finding());
            err.flush();
        }
        return pace;
    }

    /** The {@code --metrics-port} endpoint, started and announced on stderr; null when not asked for. */
    private MetricsEndpoint startMetrics(MetricsRecorder recorder, RunPlan plan) throws BadInputException {
        LiveOptions live = options.live();
        if (live.metrics() == null) {
            return null;
        }
        MetricsEndpoint endpoint = MetricsEndpoint.start(live.metrics(), recorder::live, plan);
        if (live.progress() != ProgressReporter.Style.OFF) {
            live.err().println("shadowgate: live metrics at " + endpoint.url());
            live.err().flush();
        }
        return endpoint;
    }

    /** Evaluation windows: capacity mode's when it asks for knees (each window one rate level), else --window's. */
    private Duration window(Scenario scenario) {
        return scenario.capacity() != null ? scenario.capacity().window() : options.window();
    }

    /** Windows the schedule spans, or 0 when the run is judged as a whole only. */
    private int plannedWindows(Scenario scenario, TrafficScan scan) {
        Duration window = window(scenario);
        if (window == null) {
            return 0;
        }
        long windows = scan.spanMicros() * 1_000 / window.toNanos() + 1;
        return (int) Math.min(windows, Integer.MAX_VALUE);
    }

    /** What stopped the run early: a look's decision, or a window's NO_GO; null if neither did. */
    private static EarlyStop earlyStop(EarlyStopMonitor early, WindowMonitor windows, Duration window) {
        if (early != null && early.decided() != null) {
            return early.stop();
        }
        WindowVerdict by = windows == null ? null : windows.stoppedBy();
        if (by == null) {
            return null;
        }
        return new EarlyStop(0, by.endMillis(), by.pairs(), window.toMillis(), by.gates().isEmpty() ? ""
                : by.gates().get(0).scope());
    }

    /** Reads the traffic through once: a damaged file stops the run here, before anything is sent. */
    private TrafficScan scanTraffic(Scenario scenario) throws BadInputException {
        try {
            return TrafficSources.scan(scenario.traffic(), scenario.seed(), RunTargets.sideEffectsAllowed(scenario));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
    }

    private TrafficSource openTraffic(Scenario scenario) throws BadInputException {
        TrafficInput input = scenario.traffic();
        try {
            return TrafficSources.open(input, scenario.seed(), RunTargets.sideEffectsAllowed(scenario));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
    }

    private RunInfo runInfo(LoadedScenario loaded, Scenario scenario, TrafficScan scan, Instant started, boolean partial,
                            EarlyStop earlyStop) {
        Map<String, String> versions = RunTargets.versions(scenario);
        return new RunInfo(scenario.name(), loaded.file().toString(), loaded.sha256(), VersionProvider.version(),
                scenario.seed(), scenario.mode().name().toLowerCase(java.util.Locale.ROOT), started, Instant.now(),
                partial, "shadowgate " + options.arguments(), versions, scan, earlyStop);
    }

    private static Path defaultDir(Scenario scenario, Instant started) {
        return Path.of("reports", scenario.name(), DIR_TIME.format(started));
    }
}
