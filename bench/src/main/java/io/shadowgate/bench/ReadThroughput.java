package io.shadowgate.bench;

import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.traffic.TrafficSource;
import io.shadowgate.traffic.TrafficSources;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How fast each traffic reader streams, and how little memory it needs. Writes a file of each
 * format (traffic file plain and gzipped, GoReplay, access log, HAR) with the same requests,
 * reads each through several times, alternating formats so drift falls on all alike, and
 * prints the median records/s and MB/s (of the file as stored). Then streams the
 * 1,000,000-record files in a child JVM under {@code -Xmx256m} and prints the peak heap.
 *
 * <p>How to run:
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.ReadThroughput [--records 1000000] [--repeats 3] [--har-records 100000]
 * </pre>
 * HAR is read whole (browser exports are small), so it is measured at a smaller size.
 */
public final class ReadThroughput {

    private record Input(String name, TrafficInput.Format format, Path file, long records) {
    }

    private ReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--stream")) {
            streamAndReportHeap(Path.of(args[1]));
            return;
        }
        long records = longArg(args, "--records", 1_000_000);
        long harRecords = longArg(args, "--har-records", 100_000);
        int repeats = (int) longArg(args, "--repeats", 3);
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("shadowgate-read");
        try {
            List<Input> inputs = write(dir, records, harRecords, out);
            out.printf(Locale.ROOT, "%n%-16s %10s %10s %12s %10s  (median of %d, alternating)%n",
                    "format", "records", "MB", "records/s", "MB/s", repeats);
            double[][] seconds = new double[inputs.size()][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < inputs.size(); i++) {
                    seconds[i][r] = timeRead(inputs.get(i));
                }
            }
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                java.util.Arrays.sort(seconds[i]);
                double median = seconds[i][repeats / 2];
                double mb = Files.size(input.file()) / 1e6;
                out.printf(Locale.ROOT, "%-16s %10d %10.1f %12.0f %10.1f%n", input.name(), input.records(), mb,
                        input.records() / median, mb / median);
            }
            out.printf(Locale.ROOT, "%npeak heap while streaming under -Xmx256m (child JVM, G1):%n");
            for (Input input : inputs) {
                if (input.format() != TrafficInput.Format.HAR) {
                    out.printf(Locale.ROOT, "%-16s %s%n", input.name(), childPeakHeap(input.file(), input.format()));
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Input> write(Path dir, long records, long harRecords, PrintStream out) throws IOException {
        List<Input> inputs = new ArrayList<>();
        long t0 = System.nanoTime();
        Path plain = dir.resolve("traffic.jsonl");
        TrafficFixtures.trafficFile(plain, records);
        inputs.add(new Input("file .jsonl", TrafficInput.Format.FILE, plain, records));
        Path gz = dir.resolve("traffic.jsonl.gz");
        TrafficFixtures.trafficFile(gz, records);
        inputs.add(new Input("file .jsonl.gz", TrafficInput.Format.FILE, gz, records));
        Path gor = dir.resolve("capture.gor");
        TrafficFixtures.gor(gor, records);
        inputs.add(new Input("gor", TrafficInput.Format.GOR, gor, records));
        Path log = dir.resolve("access.log");
        TrafficFixtures.accessLog(log, records);
        inputs.add(new Input("accesslog", TrafficInput.Format.ACCESSLOG, log, records));
        Path har = dir.resolve("export.har");
        TrafficFixtures.har(har, harRecords);
        inputs.add(new Input("har", TrafficInput.Format.HAR, har, harRecords));
        out.printf(Locale.ROOT, "wrote %d inputs in %.1f s to %s%n", inputs.size(), (System.nanoTime() - t0) / 1e9, dir);
        return inputs;
    }

    /** Seconds to read every record of {@code input}; checks the count so nothing is skipped silently. */
    private static double timeRead(Input input) {
        long start = System.nanoTime();
        long n = 0;
        long bytes = 0; // consumed so the reads cannot be optimised away
        try (TrafficSource source = TrafficSources.open(TrafficInput.recorded(input.format(), input.file(), false), 0)) {
            while (source.hasNext()) {
                bytes += source.next().body().length;
                n++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (n != input.records() || bytes < 0) {
            throw new IllegalStateException(input.name() + ": read " + n + " records, expected " + input.records());
        }
        return seconds;
    }

    private static String childPeakHeap(Path file, TrafficInput.Format format) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ReadThroughput.class.getName(), "--stream", format.name() + ":" + file)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "did not finish in 10 minutes";
        }
        return (p.exitValue() == 0 ? "" : "FAILED (exit " + p.exitValue() + "): ") + output;
    }

    /**
     * Child side: stream the file, then print the peak heap the JVM saw, and the largest heap
     * left after a collection: the peak is mostly garbage waiting for the next young GC, the
     * after-GC size is what the reader really keeps alive.
     */
    private static void streamAndReportHeap(Path spec) {
        AfterGcMonitor afterGc = AfterGcMonitor.install();
        String[] parts = spec.toString().split(":", 2);
        TrafficInput input = TrafficInput.recorded(TrafficInput.Format.valueOf(parts[0]), Path.of(parts[1]), false);
        long start = System.nanoTime();
        long n = 0;
        try (TrafficSource source = TrafficSources.open(input, 0)) {
            while (source.hasNext()) {
                source.next();
                n++;
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%d records in %.1f s; peak heap %.1f MB of 256 MB; largest heap after a GC %.1f MB"
                        + " over %d GCs%n", n, (System.nanoTime() - start) / 1e9, peak / 1e6, afterGc.maxAfterGcBytes() / 1e6,
                afterGc.collections());
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return fallback;
    }
}
