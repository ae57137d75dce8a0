package io.shadowgate.cli;

import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.ReplaySummary;
import io.shadowgate.replay.Replayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.scenario.LoadedScenario;
import io.shadowgate.scenario.Mode;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioException;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.shard.HistogramConfig;
import io.shadowgate.shard.PairSamples;
import io.shadowgate.shard.ShardFiles;
import io.shadowgate.shard.ShardIdentity;
import io.shadowgate.shard.ShardResult;
import io.shadowgate.shard.ShardSends;
import io.shadowgate.shard.ShardTiming;
import io.shadowgate.shard.TrafficPart;
import io.shadowgate.traffic.Shard;
import io.shadowgate.traffic.ShardScan;
import io.shadowgate.traffic.ShardedTraffic;
import io.shadowgate.traffic.TrafficSource;
import io.shadowgate.traffic.TrafficSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One shard of a sharded run ({@code run --shard I/N}): replays its part of the traffic, every
 * request at its own offset from the common start ({@code --start-at}), records it, and writes
 * the shard's result directory ({@link ShardFiles}). It judges nothing: a shard's result is
 * never a verdict, only {@code shadowgate merge} over every shard gives one. Supports shadow
 * mode judged as a whole, responses compared: no split rehearsals, capacity knees, evaluation
 * windows, early stop or versions read from answers (their state does not merge yet).
 */
final class ShardRunPipeline {

    /** Exit code of a shard that ran and wrote its result (the verdict comes from the merge). */
    static final int WRITTEN = 0;

    /**
     * @param scenarioFile  the scenario file
     * @param outDir        result directory, or null for the default under {@code reports/}
     * @param duration      traffic duration override, or null
     * @param rate          traffic rate override, or null
     * @param arguments     the command's arguments, for the record
     * @param warmup        whether to warm the client up first
     * @param traffic       traffic replacing the scenario's, or null
     * @param shard         which part of the traffic
     * @param startAtMillis the common start, epoch ms, or null to start as soon as ready
     * @param live          progress on stderr and the metrics endpoint
     */
    record Options(Path scenarioFile, Path outDir, Duration duration, Double rate, String arguments, boolean warmup,
                   TrafficInput traffic, Shard shard, Long startAtMillis, LiveOptions live) {
    }

    /** The shard's stored result, where it went, and the exit code. */
    record Outcome(ShardResult result, Path dir, int exitCode) {
    }

    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Options options;

    ShardRunPipeline(Options options) {
        this.options = options;
    }

    Outcome run() throws ScenarioException, BadInputException, TargetUnreachableException, IOException {
        LoadedScenario loaded = ScenarioLoader.load(options.scenarioFile());
        Scenario scenario = ScenarioOverrides.apply(loaded.scenario(), options.traffic(), options.duration(),
                options.rate());
        supported(scenario);
        ShardScan scan;
        try {
            scan = TrafficSources.scan(scenario.traffic(), scenario.seed(), RunTargets.sideEffectsAllowed(scenario),
                    options.shard());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
        Shard shard = options.shard();
        Path dir = options.outDir() != null ? options.outDir() : Path.of("reports", scenario.name(),
                DIR_TIME.format(Instant.now()) + "-shard-" + shard.index() + "-of-" + shard.count());
        ShardIdentity identity = new ShardIdentity(shard.index(), shard.count(), scenario.name(), loaded.sha256(),
                scan.part().sha256(), VersionProvider.version(), scenario.seed(), scenario.deterministicLatency());
        try {
            Files.createDirectories(dir);
            ShardFiles.writeStarted(identity, dir);
            ShardFiles.copyScenario(loaded.file(), dir);
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot write the shard's result directory (" + e + ")");
        }
        long startedMillis = System.currentTimeMillis();
        try (RunTargets targets = RunTargets.start(scenario, System.getenv());
             TrafficSource traffic = ShardedTraffic.of(open(scenario), shard)) {
            if (options.warmup()) {
                Warmup.run(scenario, scenario.compare().enabled(), Warmup.rate(scan.part()),
                        metrics -> RunOutcomes.warmupTwin(metrics, scenario, false, null, scenario.compare().enabled()));
            }
            return replay(loaded, scenario, scan, identity, traffic, targets, dir, startedMillis);
        }
    }

    /** What a shard cannot do yet: whatever keeps state that the merge does not combine. */
    private void supported(Scenario scenario) throws BadInputException {
        String problem = scenario.mode() != Mode.SHADOW ? "mode: split (a staged rehearsal judges as it goes)"
                : scenario.capacity() != null ? "capacity (knees are judged window by window)"
                : scenario.targets().values().stream().anyMatch(t -> t.versionFrom() != null)
                        ? "versionFrom (versions read from answers do not merge yet)" : null;
        if (problem != null) {
            throw new BadInputException(options.scenarioFile() + ": --shard: a sharded run supports shadow mode judged "
                    + "as a whole (latency, errors, responses); this scenario uses " + problem + "; run it without --shard");
        }
    }

    private TrafficSource open(Scenario scenario) throws BadInputException {
        try {
            return TrafficSources.open(scenario.traffic(), scenario.seed(), RunTargets.sideEffectsAllowed(scenario));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(options.scenarioFile() + ": traffic: " + e.getMessage());
        }
    }

    private Outcome replay(LoadedScenario loaded, Scenario scenario, ShardScan scan, ShardIdentity identity,
                           TrafficSource traffic, RunTargets targets, Path dir, long startedMillis)
            throws TargetUnreachableException, IOException {
        ScheduleCounter scheduled = new ScheduleCounter();
        List<String> roles = List.copyOf(targets.endpoints().keySet());
        ReplayOptions replayOptions = ReplayOptions.of(scenario.timeouts(), scenario.connections())
                .withKeepBodies(scenario.compare().enabled())
                .withStatedLatency(scenario.deterministicLatency());
        Long startAt = options.startAtMillis();
        // The common start on this machine's clock; intervals count from it, so shards add up second by second.
        long origin = startAt == null ? System.nanoTime() + Replayer.LEAD_NANOS : nanoTimeAt(startAt);
        PairedLatencyRecorder pairs = RunOutcomes.pairs(scenario, null);
        CountDownLatch written = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCode.INCONCLUSIVE);
        long[] scheduleStartMicros = new long[1];
        Thread interrupt = null;
        ResponseComparisonRecorder responses = scenario.compare().enabled()
                ? new ResponseComparisonRecorder(scenario.compare(), Scenario.BASELINE, Scenario.CANDIDATE,
                        RunTargets.noiseRole(scenario), scenario.seed())
                : null;
        try (ResponseComparisonRecorder closeResponses = responses;
             MetricsRecorder recorder = MetricsRecorder.withIntervalLogs(roles, scheduled,
                     MetricsRecorder.DEFAULT_INTERVAL_MILLIS, dir, origin);
             Replayer replayer = Replayer.forEndpoints(targets.endpoints(), replayOptions,
                     RunOutcomes.shadow(recorder, pairs, responses))) {
            replayer.connect();
            interrupt = InterruptHook.install(replayer, written, exitCode, scenario.timeouts().request());
            ProgressReporter progress = ProgressReporter.start(options.live().progress(), options.live().err(),
                    recorder::live, RunPlan.of(scan.part()));
            ReplaySummary summary;
            try {
                // A shard ready after the common start begins at once, its offsets kept: the skew says how late.
                long start = Math.max(origin, System.nanoTime() + Replayer.LEAD_NANOS);
                summary = replayer.replay(scheduled.counting(traffic), start, s -> {
                    targets.anchorFaults(s);
                    scheduleStartMicros[0] = wallClockMicrosAt(s);
                });
            } finally {
                progress.close();
            }
            if (summary.stopped()) {
                UnreadRequests.account(scan.part(), scheduled, recorder, null, null);
            }
            recorder.close();
            for (String problem : recorder.intervalLogProblems()) {
                options.live().err().println("shadowgate: warning: " + problem);
            }
            List<TargetRecording> recorded = recorder.recordings(targets.addresses());
            RunPipeline.pace(scan.part(), summary, recorded.stream().map(TargetRecording::summary).toList(),
                    scenario.connections().maxPerTarget(), options.live().err());
            Long skew = startAt == null ? null : scheduleStartMicros[0] - startAt * 1_000;
            ShardTiming timing = new ShardTiming(startAt, scheduleStartMicros[0], skew, startedMillis,
                    System.currentTimeMillis());
            var part = scan.part();
            ShardResult result = new ShardResult(ShardResult.FORMAT, ShardResult.FORMAT_VERSION, identity,
                    HistogramConfig.CURRENT, timing, summary.stopped(), 0, "shadowgate " + options.arguments(),
                    loaded.file().toString(),
                    new TrafficPart(part.source(), part.sha256Of(), scan.streamRecords(), part.records(),
                            part.skipped(), part.problems(), part.replay(), part.endpoints(), part.spanMicros()),
                    RunTargets.versions(scenario), recorded,
                    new PairSamples(PairedLatencyRecorder.DEFAULT_CAPACITY, pairs.sample(), pairs.samplesByEndpoint()),
                    responses == null ? null : responses.state(), sends(summary));
            ShardFiles.write(result, dir, ShardFiles.RESULT);
            int code = summary.stopped() ? ExitCode.INCONCLUSIVE : WRITTEN;
            exitCode.set(code);
            return new Outcome(result, dir, code);
        } finally {
            written.countDown();
            if (interrupt != null) {
                InterruptHook.remove(interrupt);
            }
        }
    }

    /**
     * Waits until {@code nanoTime} and reads the wall clock: the instant this shard's schedule
     * really began, timer and scheduling delays included (the scheduler would wait as long anyway).
     */
    private static long wallClockMicrosAt(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
    }

    /** The {@link System#nanoTime()} value at wall-clock instant {@code epochMillis}. */
    static long nanoTimeAt(long epochMillis) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        long epochNanosNow = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        return nanoNow + (TimeUnit.MILLISECONDS.toNanos(epochMillis) - epochNanosNow);
    }

    /** What the merged run's schedule check needs of this shard's replay. */
    private static ShardSends sends(ReplaySummary summary) {
        long last = summary.lastSentNanos();
        return new ShardSends(summary.dispatched(), summary.loopBusy(), last < 0 ? -1 : last / 1_000, summary.sent(),
                summary.waited());
    }
}
