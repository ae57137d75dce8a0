package io.shadowgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.metrics.Histograms;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The offline command, {@code shadowgate judge}, timed end to end as a user runs it: a child
 * {@code java -jar shadowgate.jar judge ...} per measurement, from start to exit, on files
 * written beforehand (not timed). Its gates: p50 and p99 at most +5 % over the baseline, p99
 * within 250 ms.
 *
 * <p>Four cases, each with the verdict it must reach (a child that exits otherwise fails the
 * harness, so a broken path cannot pass for a fast one):
 * <ul>
 *   <li>{@code --paired} text files, one value per line in ms, the candidate the baseline's
 *       twin: GO;</li>
 *   <li>the same with the candidate 10 % slower at every percentile: NO_GO;</li>
 *   <li>{@code .hlog} interval logs (microseconds, one histogram per simulated second),
 *       unpaired, twin and slower: GO and NO_GO. Not {@code --paired}: a log keeps counts per
 *       bucket, not which request each value came from, so there is nothing to pair.</li>
 * </ul>
 * Heap is read from the child's GC log ({@code -Xlog:gc}): the largest heap before and after a
 * collection.
 */
final class OfflineJudgeStages {

    static final List<String> GATES = List.of("--gate", "p50=+5%", "--gate", "p99=+5%", "--gate", "p99<=250ms");

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** One case: its name, the command's arguments after {@code judge}, and the exit code it must give. */
    record Case(String name, List<String> arguments, int expectedExit) {
    }

    /** The largest heap before and after a collection in a child's GC log, bytes; zeros when none ran. */
    private record GcHeap(long peakBytes, long liveBytes) {

        static GcHeap of(Path gcLog) throws IOException {
            long before = 0;
            long after = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)) << 20);
                    after = Math.max(after, Long.parseLong(m.group(2)) << 20);
                }
            }
            return new GcHeap(before, after);
        }
    }

    /** One child's measurement; {@code cpuSeconds} NaN when {@link #TIME} is missing. */
    record Child(double seconds, double cpuSeconds, long peakHeapBytes, long liveHeapBytes, String decision) {
    }

    /** GNU time, for the child's CPU time; the children run without it where it is missing. */
    private static final Path TIME = Path.of("/usr/bin/time");

    private final AnalysisOptions options;
    private final PrintStream out;

    OfflineJudgeStages(AnalysisOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Writes the sample files into {@code dir} and returns the cases to time on them. */
    List<Case> prepare(Path dir) throws IOException {
        long start = System.nanoTime();
        Path baseline = dir.resolve("baseline.txt");
        Path same = dir.resolve("candidate-same.txt");
        Path slower = dir.resolve("candidate-slower.txt");
        AnalysisTraffic traffic = new AnalysisTraffic(options.seed(), 1);
        Histogram[] logged = {Histograms.newHistogram(), Histograms.newHistogram(), Histograms.newHistogram()};
        Path[] hlogs = {dir.resolve("baseline.hlog"), dir.resolve("candidate-same.hlog"),
            dir.resolve("candidate-slower.hlog")};
        List<HistogramLogWriter> writers = new ArrayList<>();
        List<PrintStream> streams = new ArrayList<>();
        try (BufferedWriter b = Files.newBufferedWriter(baseline, StandardCharsets.US_ASCII);
             BufferedWriter s = Files.newBufferedWriter(same, StandardCharsets.US_ASCII);
             BufferedWriter w = Files.newBufferedWriter(slower, StandardCharsets.US_ASCII)) {
            for (Path hlog : hlogs) {
                PrintStream stream = new PrintStream(Files.newOutputStream(hlog), false, StandardCharsets.US_ASCII);
                streams.add(stream);
                HistogramLogWriter writer = new HistogramLogWriter(stream);
                writer.outputLogFormatVersion();
                writer.outputStartTime(0);
                writer.outputLegend();
                writers.add(writer);
            }
            for (int i = 0; i < options.pairs(); i++) {
                traffic.next();
                double bMicros = traffic.baselineMicros();
                double cMicros = traffic.candidateMicros();
                writeMillis(b, bMicros);
                writeMillis(s, cMicros);
                writeMillis(w, cMicros * AnalysisOptions.SLOWER);
                if (i < options.hlogValues()) {
                    logged[0].recordValue(clamp(bMicros));
                    logged[1].recordValue(clamp(cMicros));
                    logged[2].recordValue(clamp(cMicros * AnalysisOptions.SLOWER));
                    boolean last = i == options.hlogValues() - 1;
                    if ((i + 1) % options.rate() == 0 || last) {
                        int second = i / options.rate();
                        for (int k = 0; k < 3; k++) {
                            // Values in µs, the log's max column in ms, as the run's interval logs.
                            writers.get(k).outputIntervalHistogram(second, second + 1, logged[k], 1_000.0);
                            logged[k].reset();
                        }
                    }
                }
            }
        } finally {
            streams.forEach(PrintStream::close);
        }
        out.printf(java.util.Locale.ROOT, "wrote 3 x %,d values (text) and 3 x %,d (.hlog) in %.1f s to %s%n",
                options.pairs(), options.hlogValues(), (System.nanoTime() - start) / 1e9, dir);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("judge --paired, text, twin", paired(baseline, same), 0));
        cases.add(new Case("judge --paired, text, 10% slower", paired(baseline, slower), 1));
        cases.add(new Case("judge, .hlog, twin", hlog(hlogs[0], hlogs[1]), 0));
        cases.add(new Case("judge, .hlog, 10% slower", hlog(hlogs[0], hlogs[2]), 1));
        return cases;
    }

    private static List<String> paired(Path baseline, Path candidate) {
        List<String> args = new ArrayList<>(List.of("--paired", "--baseline", baseline.toString(), "--candidate",
                candidate.toString(), "--json"));
        args.addAll(GATES);
        return args;
    }

    private static List<String> hlog(Path baseline, Path candidate) {
        List<String> args = new ArrayList<>(List.of("--unit", "us", "--baseline", baseline.toString(), "--candidate",
                candidate.toString(), "--json"));
        args.addAll(GATES);
        return args;
    }

    /** Runs one case in a child JVM and checks its verdict; {@code gcLog} receives the child's GC log. */
    Child run(Case c, Path gcLog) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path times = gcLog.resolveSibling("time.txt");
        Files.deleteIfExists(times);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            command.addAll(List.of(TIME.toString(), "-o", times.toString(), "-f", "%U %S"));
        }
        command.addAll(List.of(java.toString(), "-Xlog:gc:file=" + gcLog, "-jar", options.jar().toString(), "judge"));
        command.addAll(c.arguments());
        Path stdout = Files.createTempFile(gcLog.getParent(), "judge", ".out");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        if (!p.waitFor(options.timeoutSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(c.name() + ": still running after " + options.timeoutSeconds()
                    + " s (--timeout); stopped");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(stdout);
        Files.delete(stdout);
        if (p.exitValue() != c.expectedExit()) {
            throw new IllegalStateException(c.name() + ": exit " + p.exitValue() + ", expected " + c.expectedExit()
                    + "; output:\n" + output);
        }
        JsonNode verdict = new ObjectMapper().readTree(output);
        GcHeap heap = GcHeap.of(gcLog);
        return new Child(seconds, cpuSeconds(times), heap.peakBytes(), heap.liveBytes(), verdict.path("decision").asText());
    }

    /** User plus system seconds from GNU time's output file, NaN when there is none. */
    private static double cpuSeconds(Path times) throws IOException {
        if (!Files.exists(times)) {
            return Double.NaN;
        }
        List<String> lines = Files.readAllLines(times);
        String[] parts = lines.get(lines.size() - 1).trim().split(" ");
        return Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]);
    }

    /** {@code micros} as milliseconds with three decimals, the way latencies are usually exported. */
    private static void writeMillis(BufferedWriter writer, double micros) throws IOException {
        long m = Math.round(micros);
        writer.write(Long.toString(m / 1_000));
        writer.write('.');
        String fraction = Long.toString(m % 1_000);
        writer.write("000", 0, 3 - fraction.length());
        writer.write(fraction);
        writer.write('\n');
    }

    private static long clamp(double micros) {
        return Math.max(1, Math.min(Histograms.HIGHEST_MICROS, Math.round(micros)));
    }
}
