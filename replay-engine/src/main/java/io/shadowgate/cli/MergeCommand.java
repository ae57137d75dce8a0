package io.shadowgate.cli;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.PaceCheck;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.PairSample;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.report.ReportWriters;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.RunResult;
import io.shadowgate.scenario.LoadedScenario;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioException;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.shard.LoadedShard;
import io.shadowgate.shard.MergeRefusedException;
import io.shadowgate.shard.MergedRun;
import io.shadowgate.shard.NotAShardException;
import io.shadowgate.shard.ShardFiles;
import io.shadowgate.shard.ShardMerge;
import io.shadowgate.shard.ShardResult;
import io.shadowgate.shard.ShardSends;
import io.shadowgate.shard.UnreadableShardException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shadowgate merge RESULT_DIR... --out DIR}: checks that the shard results are one
 * complete run (every shard 0..N-1 exactly once, same scenario, traffic and tool version, each
 * finished, each one's counts reconciled), merges them exactly, judges the merged run as one
 * process would have (as {@code run --window 0}), response gates included, and writes every report once. A set that is
 * not one complete run is INCONCLUSIVE with the reason, never a verdict on part of the data.
 */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Merge the result directories of 'run --shard I/N' (all N shards, any order) into one run: "
                + "judge it and write verdict.json, index.html, junit.xml, summary.md and merged.json into --out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:GO: every gate holds",
            " 1:NO_GO: a gate is breached",
            " 2:INCONCLUSIVE: too little evidence, or the shards are not one complete run (a shard missing, "
                + "given twice, unfinished, partial, damaged, from another run, or its counts do not reconcile)",
            "64:usage error",
            "65:a RESULT_DIR is not a shard's result directory at all (no shard.json, or not the shard format)",
            "70:internal error"})
final class MergeCommand implements Callable<Integer> {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "RESULT_DIR",
            description = "Result directories of the shards of one run ('run --shard I/N --out DIR').")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write the merged run's reports and merged.json.")
    Path out;

    @Option(names = "--quiet", description = "Print only the verdict line.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<LoadedShard> shards = new ArrayList<>();
        String unreadable = null;
        for (Path dir : dirs) {
            try {
                shards.add(new LoadedShard(dir, ShardFiles.read(dir)));
            } catch (NotAShardException e) {
                throw new BadInputException(e.getMessage());
            } catch (UnreadableShardException e) {
                // Every directory is still read, so one that is not a shard at all is exit 65 whatever the order.
                unreadable = unreadable == null ? e.getMessage() : unreadable;
            }
        }
        MergedRun merged;
        Scenario scenario;
        try {
            if (unreadable != null) {
                throw new MergeRefusedException(unreadable);
            }
            merged = ShardMerge.merge(shards);
            scenario = scenario(merged);
            merged = ShardMerge.withResponses(merged, scenario.compare());
        } catch (MergeRefusedException e) {
            stdout.println("INCONCLUSIVE: the shards cannot be merged: " + e.getMessage());
            stdout.flush();
            return ExitCode.INCONCLUSIVE;
        }
        RunResult result = judge(scenario, merged, spec.commandLine().getErr());
        try {
            Files.createDirectories(out);
            ReportWriters.writeAll(result, out);
            ShardFiles.write(merged.result(), out, ShardFiles.MERGED);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out
                    + ": cannot write the reports (" + e.getMessage() + ")", e);
        }
        new RunSummaryPrinter(stdout, quiet).print(result, out);
        if (!quiet) {
            printShards(stdout, merged);
        }
        stdout.flush();
        return result.verdict().decision().exitCode();
    }

    /** The scenario the shards ran, from the copy in the first shard's directory, proven by its SHA-256. */
    private static Scenario scenario(MergedRun merged) throws MergeRefusedException {
        Path dir = merged.shards().get(0).dir();
        Path copy = ShardFiles.scenarioIn(dir);
        if (copy == null) {
            throw new MergeRefusedException(dir + ": holds no scenario copy (scenario.yaml or scenario.json); the "
                    + "merge judges by the gates of the scenario the shards ran");
        }
        LoadedScenario loaded;
        try {
            loaded = ScenarioLoader.load(copy);
        } catch (ScenarioException e) {
            throw new MergeRefusedException(copy + ": the scenario copy cannot be loaded: " + e.getMessage());
        }
        String expected = merged.result().identity().scenarioSha256();
        if (!loaded.sha256().equals(expected)) {
            throw new MergeRefusedException(copy + ": SHA-256 " + loaded.sha256() + " is not the scenario the shards "
                    + "ran (" + expected + "); the copy was changed");
        }
        return loaded.scenario();
    }

    /**
     * Judges the merged run exactly as one process judges a run with --window 0, and checks its
     * schedule as one run's: counts added over the shards, the busiest loop and the latest send
     * standing for all; a warning on {@code err} when it fell behind.
     */
    private RunResult judge(Scenario scenario, MergedRun merged, PrintWriter err) {
        ShardResult r = merged.result();
        List<TargetRecording> targets = r.targets();
        Map<String, PairedLatencies> byEndpoint = new TreeMap<>();
        r.pairs().endpoints().forEach((e, sample) -> byEndpoint.put(e, sample.latencies()));
        PairSample all = r.pairs().all();
        ResponseFindings findings = r.responses() == null ? null
                : r.responses().findings(scenario.compare(), scenario.seed(), 1 - scenario.gates().confidence());
        Verdict verdict = RunAnalysis.judge(new Judge(scenario.gates(), scenario.seed()),
                RunAnalysis.scopes(scenario, targets, all.latencies(), byEndpoint), List.of(), findings, false);
        RunInfo info = new RunInfo(scenario.name(), r.scenarioFile(), r.identity().scenarioSha256(),
                r.identity().toolVersion(), scenario.seed(), scenario.mode().name().toLowerCase(Locale.ROOT),
                Instant.ofEpochMilli(r.timing().startedMillis()), Instant.ofEpochMilli(r.timing().finishedMillis()),
                false, command(merged), r.targetVersions(), merged.traffic(), null);
        List<TargetSummary> summaries = targets.stream().map(TargetRecording::summary).toList();
        ShardSends sends = r.sends();
        SchedulePace pace = PaceCheck.of(merged.traffic().records(), merged.traffic().spanMicros() / 1e6,
                sends.dispatched(), sends.lastSentMicros() / 1e6, sends.loopBusy(), sends.sent(), sends.waited(),
                summaries, scenario.connections().maxPerTarget());
        if (!pace.kept()) {
            err.println("shadowgate: warning: " + pace.finding());
            err.flush();
        }
        RunResult result = new RunResult(RunResult.SCHEMA_VERSION, info, verdict, summaries, findings, null, null)
                .withPace(pace);
        return new VersionObserver(scenario).record(result);
    }

    /** The merge's command line with the shards in index order, so the order given never shows. */
    private String command(MergedRun merged) {
        StringBuilder b = new StringBuilder("shadowgate merge");
        merged.shards().forEach(p -> b.append(' ').append(p.dir()));
        return b.append(" --out ").append(out).toString();
    }

    private static void printShards(PrintWriter out, MergedRun merged) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        out.println("merged " + merged.shards().size() + " shards:");
        for (MergedRun.Part p : merged.shards()) {
            Long skew = p.timing().startSkewMicros();
            min = Math.min(min, p.timing().scheduleStartEpochMicros());
            max = Math.max(max, p.timing().scheduleStartEpochMicros());
            out.println(String.format(Locale.ROOT, "  shard %d: %d requests, start skew %s, lateness p99 %.2f ms  %s",
                    p.index(), p.records(), skew == null ? "n/a (no --start-at)"
                            : String.format(Locale.ROOT, "%+.3f ms", skew / 1_000.0), p.latenessP99Millis(), p.dir()));
        }
        out.println(String.format(Locale.ROOT, "  schedule starts spread over %.3f ms", (max - min) / 1_000.0));
        if (merged.result().timing().startAtMillis() == null && merged.shards().size() > 1) {
            out.println("  note: no --start-at, so the shards' schedules were not aligned in time");
        }
    }
}
