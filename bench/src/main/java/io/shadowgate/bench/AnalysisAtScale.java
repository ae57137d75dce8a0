package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * How long does Shadowgate's analysis take for a run of 10,000,000 paired requests (issue #8:
 * judge and report in under 10 s)? Two parts, each measured {@code --repeats} times and shown
 * as the median, with the heap:
 * <ul>
 *   <li><b>run</b>: the end of a {@code shadowgate run} ({@link RunEndStages}), each repeat in a
 *       fresh JVM: the recorders are fed 10,000,000 outcomes per target, built directly, no
 *       network (timed apart as "feed"); then closing the recorders, the response findings,
 *       the judge and every report are timed, as {@code RunPipeline} does them after its replay.</li>
 *   <li><b>judge</b>: the offline {@code shadowgate judge} as a child process on files of
 *       10,000,000 values a side ({@link OfflineJudgeStages}), written first (not timed).</li>
 * </ul>
 * Every measurement checks its verdict against the truth the data was made with (the run:
 * GO for the baseline's twin, NO_GO when the candidate is slower; the offline cases likewise),
 * and fails loudly otherwise, so a broken path cannot pass for a fast one.
 *
 * <p>How to run, from the repository root (after {@code mvn -B -q install -DskipTests -pl
 * replay-engine -am} and {@code mvn -B -q package -Dmaven.test.skip=true -pl replay-engine,bench}):
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.AnalysisAtScale
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.AnalysisAtScale --parts run --candidate slower
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.AnalysisAtScale --pairs 1000000 --repeats 1
 * </pre>
 * An offline child holds about 0.8 GB of heap at 10,000,000 values a side, and the files take
 * about 1 GB of disk, deleted at the end. It stops by itself: a child JVM still running after
 * {@code --timeout} is stopped and reported as a failure.
 */
public final class AnalysisAtScale {

    /** The first argument of a child JVM that measures one run ({@link #oneRun}). */
    static final String ONE_RUN = "--one-run";
    /** What starts a child's line that carries one stage's measurement. */
    private static final String STAGE = "stage";

    private final AnalysisOptions options;
    private final PrintStream out;
    /** Stage name → its measurements, in the order first measured. */
    private final Map<String, List<StageTime>> stages = new LinkedHashMap<>();

    AnalysisAtScale(AnalysisOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ONE_RUN)) {
            HarnessArgs.main("analysis-at-scale", Arrays.copyOfRange(args, 1, args.length), AnalysisOptions::parse,
                    AnalysisOptions.USAGE, options -> oneRun(options, System.out));
            return;
        }
        HarnessArgs.main("analysis-at-scale", args, AnalysisOptions::parse, AnalysisOptions.USAGE,
                options -> new AnalysisAtScale(options, System.out).run());
    }

    int run() {
        out.printf(Locale.ROOT, "analysis at scale: %,d paired requests, %d repeats, parts %s; %d cores (%s), Java %s, "
                        + "max heap %,d MB%n", options.pairs(), options.repeats(), String.join(",", options.parts()),
                Runtime.getRuntime().availableProcessors(), HarnessArgs.cpuModel(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("shadowgate-analysis");
            if (options.includes("run")) {
                runPart(dir);
            }
            if (options.includes("judge")) {
                judgePart(dir);
            }
            printTable();
            return 0;
        } catch (Exception e) {
            out.flush();
            System.err.println("analysis-at-scale: FAILED: " + e.getMessage());
            return 1;
        } finally {
            delete(dir);
        }
    }

    /**
     * Each repeat in a fresh JVM ({@link #oneRun}), as {@code shadowgate run} judges and reports
     * once per process: in one JVM the later repeats would find the judge and the report writers
     * already compiled, which a run never does.
     */
    private void runPart(Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int r = 1; r <= options.repeats(); r++) {
            List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                    AnalysisAtScale.class.getName(), ONE_RUN));
            command.addAll(options.runArguments());
            Path output = dir.resolve("run-" + r + ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(options.timeoutSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("run " + r + ": still running after " + options.timeoutSeconds()
                        + " s (--timeout); stopped");
            }
            List<String> lines = Files.readAllLines(output);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("run " + r + ": exit " + p.exitValue() + ":\n" + String.join("\n", lines));
            }
            for (String line : lines) {
                String[] f = line.split("\t");
                if (f[0].equals(STAGE)) {
                    add(f[1], new StageTime(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
                            Long.parseLong(f[5])));
                } else {
                    out.println("run " + r + ": " + line);
                }
            }
        }
    }

    /**
     * Child side of {@link #runPart}: one run measured in this JVM, into a temporary directory
     * deleted after; prints a summary, then each stage on a line of its own for the parent.
     */
    static int oneRun(AnalysisOptions options, PrintStream out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("shadowgate-analysis-run");
            RunEndStages.Result result = new RunEndStages(options).measure(dir);
            check(result, options.slower() ? Decision.NO_GO : Decision.GO);
            out.printf(Locale.ROOT, "%s as expected; analysis %.2f s (close %.2f, findings %.2f, judge %.2f, "
                            + "reports %.2f); feed %.1f s; %d series points a target; reports %,d bytes%n",
                    result.verdict().decision(), result.analysisSeconds(), result.close().seconds(),
                    result.findings().seconds(), result.judge().seconds(), result.reports().seconds(),
                    result.feed().seconds(), result.seriesPoints(), result.reportBytes());
            stage(out, "run: feed, recording every outcome (not analysis)", result.feed());
            stage(out, "run: close recorders, summarise targets", result.close());
            stage(out, "run: response findings", result.findings());
            stage(out, "run: judge (" + result.verdict().gates().size() + " gates)", result.judge());
            stage(out, "run: write reports", result.reports());
            stage(out, "run: analysis = close + findings + judge + reports", new StageTime(result.analysisSeconds(),
                    result.analysisCpuSeconds(), 0, result.reports().liveBytes()));
            return 0;
        } catch (Exception e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        } finally {
            delete(dir);
        }
    }

    private static void stage(PrintStream out, String name, StageTime t) {
        out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%.4f\t%d\t%d%n", STAGE, name, t.seconds(), t.cpuSeconds(), t.peakBytes(),
                t.liveBytes());
    }

    /** The run's verdict must be the truth's, and every pair's responses must have been compared. */
    private static void check(RunEndStages.Result result, Decision expected) {
        if (result.verdict().decision() != expected) {
            StringBuilder gates = new StringBuilder();
            for (GateResult g : result.verdict().gates()) {
                gates.append("\n  ").append(g.decision()).append(' ').append(g.reason());
            }
            throw new IllegalStateException("the run came out " + result.verdict().decision() + ", expected " + expected
                    + gates);
        }
        if (result.responses().uncompared() > 0) {
            throw new IllegalStateException(result.responses().uncompared() + " pairs were not compared (queue full)");
        }
    }

    private void judgePart(Path dir) throws Exception {
        Path files = Files.createDirectory(dir.resolve("judge"));
        OfflineJudgeStages offline = new OfflineJudgeStages(options, out);
        List<OfflineJudgeStages.Case> cases = offline.prepare(files);
        for (int r = 1; r <= options.repeats(); r++) {
            for (OfflineJudgeStages.Case c : cases) {
                OfflineJudgeStages.Child child = offline.run(c, files.resolve("gc.log"));
                add(c.name() + " (child JVM, end to end)",
                        new StageTime(child.seconds(), child.cpuSeconds(), child.peakHeapBytes(), child.liveHeapBytes()));
                out.printf(Locale.ROOT, "judge %d: %s: %s as expected in %.2f s%n", r, c.name(), child.decision(),
                        child.seconds());
            }
        }
    }

    private void add(String stage, StageTime time) {
        stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(time);
    }

    private void printTable() {
        out.printf(Locale.ROOT, "%n| stage | time, s (median of %d) | runs, s | CPU, s | peak heap, MB | live heap "
                + "after, MB |%n", options.repeats());
        out.println("|---|---|---|---|---|---|");
        stages.forEach((stage, times) -> out.printf(Locale.ROOT, "| %s | %.2f | %s | %.2f | %s | %s |%n", stage,
                median(times, StageTime::seconds), String.join(", ", times.stream()
                        .map(t -> String.format(Locale.ROOT, "%.2f", t.seconds())).toList()),
                median(times, StageTime::cpuSeconds), megabytes(times, StageTime::peakBytes),
                megabytes(times, StageTime::liveBytes)));
        out.println("CPU: the process's, every thread (children: user + system, from /usr/bin/time; NaN without it); "
                + "peak heap: the sum of the heap pools' peaks during the stage (children: the largest heap before a "
                + "GC); live: after the stage and a full GC (children: the largest heap after a GC)");
    }

    private static double median(List<StageTime> times, ToDoubleFunction<StageTime> f) {
        return Medians.of(times.stream().mapToDouble(f).toArray());
    }

    private static String megabytes(List<StageTime> times, ToDoubleFunction<StageTime> bytes) {
        double median = median(times, bytes);
        return median > 0 ? String.format(Locale.ROOT, "%,.0f", median / (1 << 20)) : "—";
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("analysis-at-scale: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
