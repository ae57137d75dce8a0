package io.shadowgate.bench;

import io.shadowgate.metrics.EndpointRecording;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairReservoir;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.shard.HistogramConfig;
import io.shadowgate.shard.LoadedShard;
import io.shadowgate.shard.MergedRun;
import io.shadowgate.shard.PairSamples;
import io.shadowgate.shard.ShardFiles;
import io.shadowgate.shard.ShardIdentity;
import io.shadowgate.shard.ShardMerge;
import io.shadowgate.shard.ShardResult;
import io.shadowgate.shard.ShardSends;
import io.shadowgate.shard.ShardTiming;
import io.shadowgate.shard.TrafficPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Sharded runs, three measurements (issue #9):
 *
 * <ol>
 *   <li><b>merge</b>: how long {@code shadowgate merge}'s reading and merging takes against the
 *       number of recorded requests (10k to 10M by default, split over {@code --shards}). The
 *       shard results are built without the network: log-normal latencies recorded into the
 *       histograms, pair samples kept by the same bottom-k reservoir a run uses. What a merge
 *       reads is histograms (bounded by their configuration) and at most 100,000 pairs per
 *       sample, so the time should level off once the samples are full.</li>
 *   <li><b>skew</b>: 2 to 4 local shard processes ({@code run --shard I/N}) started together with a
 *       common {@code --start-at}: the start skew each one recorded and the spread of their
 *       schedule starts.</li>
 *   <li><b>rate</b>: the aggregate achieved rate of 1 and 2 local shards against simulated
 *       targets in the shards' own JVMs (each shard starts its own), at an offered rate.</li>
 * </ol>
 *
 * <p>How to run (after building, see bench/README.md):
 * <pre>
 * java -cp bench/target/benchmarks.jar io.shadowgate.bench.MergeScaling --part merge --requests 10000,1000000
 * java -cp bench/target/benchmarks.jar io.shadowgate.bench.MergeScaling --part skew --skew-shards 2,4
 * java -cp bench/target/benchmarks.jar io.shadowgate.bench.MergeScaling --part rate --rate 2000 --seconds 10
 * </pre>
 */
public final class MergeScaling {

    private static final String USAGE = """
            usage: MergeScaling [--part merge|skew|rate|all] [--requests 10000,100000,1000000,10000000]
                                [--shards 4] [--skew-shards 2,3,4] [--rate 1000] [--seconds 5]
                                [--lead-seconds 10] [--dir DIR]
              --lead-seconds: how far ahead the common --start-at is set; shards not ready by then start late
              and their skew shows it
            """;

    record Options(String part, List<Integer> requests, int shards, List<Integer> skewShards, int rate, int seconds,
                   int leadSeconds, Path dir) {
    }

    private MergeScaling() {
    }

    public static void main(String[] args) {
        HarnessArgs.main("MergeScaling", args, MergeScaling::parse, USAGE, MergeScaling::run);
    }

    static Options parse(String[] args) {
        String part = "all";
        List<Integer> requests = List.of(10_000, 100_000, 1_000_000, 10_000_000);
        int shards = 4;
        List<Integer> skew = List.of(2, 3, 4);
        int rate = 1_000;
        int seconds = 5;
        int lead = 10;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--part" -> {
                    if (!List.of("merge", "skew", "rate", "all").contains(v)) {
                        throw new IllegalArgumentException("--part must be merge, skew, rate or all, was '" + v + "'");
                    }
                    part = v;
                }
                case "--requests" -> requests = list("--requests", v, 1_000, 100_000_000);
                case "--shards" -> shards = HarnessArgs.bounded("--shards", v, 1, 64);
                case "--skew-shards" -> skew = list("--skew-shards", v, 1, 16);
                case "--rate" -> rate = HarnessArgs.bounded("--rate", v, 1, 1_000_000);
                case "--seconds" -> seconds = HarnessArgs.bounded("--seconds", v, 1, 3_600);
                case "--lead-seconds" -> lead = HarnessArgs.bounded("--lead-seconds", v, 1, 600);
                case "--dir" -> dir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(part, requests, shards, skew, rate, seconds, lead, dir);
    }

    private static List<Integer> list(String name, String value, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (String s : value.split(",")) {
            out.add(HarnessArgs.bounded(name, s.trim(), min, max));
        }
        return List.copyOf(out);
    }

    static int run(Options o) {
        try {
            Path dir = o.dir() != null ? Files.createDirectories(o.dir()) : Files.createTempDirectory("merge-scaling");
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java "
                    + System.getProperty("java.version"));
            if (o.part().equals("merge") || o.part().equals("all")) {
                mergeTable(o, dir.resolve("merge"));
            }
            if (o.part().equals("skew") || o.part().equals("all")) {
                skewTable(o, dir.resolve("skew"));
            }
            if (o.part().equals("rate") || o.part().equals("all")) {
                rateTable(o, dir.resolve("rate"));
            }
            System.out.println("files under " + dir);
            return 0;
        } catch (IOException | InterruptedException e) {
            System.err.println("MergeScaling: " + e);
            return 70;
        }
    }

    // ---- merge time against recorded requests ----

    private static void mergeTable(Options o, Path root) throws IOException {
        System.out.println();
        System.out.println("merge time against recorded requests (" + o.shards() + " shards, built without the network)");
        System.out.printf(Locale.ROOT, "%12s %12s %12s %10s %10s%n", "requests", "shard.json", "read ms", "merge ms",
                "total ms");
        for (int requests : o.requests()) {
            Path dir = Files.createDirectories(root.resolve(String.valueOf(requests)));
            List<Path> dirs = new ArrayList<>();
            long bytes = 0;
            long now = System.currentTimeMillis();
            for (int i = 0; i < o.shards(); i++) {
                Path shard = Files.createDirectories(dir.resolve("shard-" + i));
                ShardFiles.write(syntheticShard(i, o.shards(), requests, now), shard, ShardFiles.RESULT);
                bytes += Files.size(shard.resolve(ShardFiles.RESULT));
                dirs.add(shard);
            }
            System.gc();
            long t0 = System.nanoTime();
            List<LoadedShard> loaded = new ArrayList<>();
            try {
                for (Path d : dirs) {
                    loaded.add(new LoadedShard(d, ShardFiles.read(d)));
                }
                long t1 = System.nanoTime();
                MergedRun merged = ShardMerge.merge(loaded);
                long t2 = System.nanoTime();
                if (merged.targets().get(0).counts().scheduled() != (long) requests / o.shards() * o.shards()) {
                    throw new IllegalStateException("merged counts do not add up");
                }
                System.out.printf(Locale.ROOT, "%12d %9.1f MB %12.1f %10.1f %10.1f%n", requests, bytes / 1e6,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
            } catch (Exception e) {
                throw new IOException("merging " + dir + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** One shard's result for {@code requests / shards} requests striped from a stream of {@code requests}. */
    private static ShardResult syntheticShard(int index, int shards, int requests, long now) {
        long seed = 42;
        long part = requests / shards;
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        Histogram[] latency = {Histograms.newHistogram(), Histograms.newHistogram()};
        Histogram[] service = {Histograms.newHistogram(), Histograms.newHistogram()};
        PairReservoir all = new PairReservoir(PairedLatencyRecorder.DEFAULT_CAPACITY, seed);
        for (long k = 0; k < part; k++) {
            long id = k * shards + index;
            double b = 10_000 * Math.exp(0.4 * random.nextGaussian());
            double c = 9_000 * Math.exp(0.4 * random.nextGaussian());
            latency[0].recordValue((long) b);
            latency[1].recordValue((long) c);
            service[0].recordValue((long) b);
            service[1].recordValue((long) c);
            all.add(id, b, c);
        }
        OutcomeCounts counts = new OutcomeCounts(part, part, 0, 0, 0, 0, 0, 0);
        List<TargetRecording> targets = new ArrayList<>();
        String[] roles = {"baseline", "candidate"};
        for (int t = 0; t < 2; t++) {
            targets.add(new TargetRecording(roles[t], "simulated", counts, latency[t], service[t],
                    Histograms.newHistogram(), List.of(new EndpointRecording("predict", counts, latency[t].copy(),
                            service[t].copy())), List.of()));
        }
        var sample = all.sample();
        ShardIdentity id = new ShardIdentity(index, shards, "merge-scaling", "0".repeat(64), "1".repeat(64), "bench",
                seed, true);
        return new ShardResult(ShardResult.FORMAT, ShardResult.FORMAT_VERSION, id, HistogramConfig.CURRENT,
                new ShardTiming(now, now * 1_000, 0L, now, now), false, 0, "bench", "bench.yaml",
                new TrafficPart("synth", "records", part * shards, part, 0, List.of(), null, Map.of("predict", part), 0),
                Map.of(), targets, new PairSamples(PairedLatencyRecorder.DEFAULT_CAPACITY, sample,
                        Map.of("predict", sample)), null,
                new ShardSends(part, -1, -1, Map.of("baseline", part, "candidate", part), Map.of()));
    }

    // ---- start skew and aggregate rate of local shard processes ----

    private static void skewTable(Options o, Path root) throws IOException, InterruptedException {
        System.out.println();
        System.out.println("start skew of local shard processes with a common --start-at (" + o.rate() + "/s, "
                + o.seconds() + " s)");
        System.out.printf(Locale.ROOT, "%7s %30s %12s%n", "shards", "skew per shard, ms", "spread ms");
        for (int n : o.skewShards()) {
            List<ShardResult> results = shards(root.resolve("n" + n), n, o);
            StringBuilder skews = new StringBuilder();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (ShardResult r : results) {
                skews.append(String.format(Locale.ROOT, " %+.2f", r.timing().startSkewMicros() / 1_000.0));
                min = Math.min(min, r.timing().scheduleStartEpochMicros());
                max = Math.max(max, r.timing().scheduleStartEpochMicros());
            }
            System.out.printf(Locale.ROOT, "%7d %30s %12.3f%n", n, skews.toString().trim(), (max - min) / 1_000.0);
        }
    }

    private static void rateTable(Options o, Path root) throws IOException, InterruptedException {
        System.out.println();
        System.out.println("aggregate achieved rate of local shards against simulated targets (offered " + o.rate()
                + "/s per target, " + o.seconds() + " s)");
        System.out.printf(Locale.ROOT, "%7s %10s %10s %14s %16s%n", "shards", "requests", "span s", "achieved/s/target",
                "lateness p99 ms");
        for (int n : List.of(1, 2)) {
            List<ShardResult> results = shards(root.resolve("n" + n), n, o);
            long sent = 0;
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            Histogram lateness = Histograms.newHistogram();
            for (ShardResult r : results) {
                TargetRecording b = r.targets().get(0);
                sent += b.counts().judged();
                start = Math.min(start, r.timing().scheduleStartEpochMicros());
                long last = r.timing().scheduleStartEpochMicros() + r.traffic().spanMicros();
                end = Math.max(end, last);
                r.targets().forEach(t -> lateness.add(t.lateness()));
            }
            double span = Math.max(1, end - start) / 1e6;
            System.out.printf(Locale.ROOT, "%7d %10d %10.2f %14.0f %16.2f%n", n, sent, span, sent / span,
                    Histograms.millis(lateness, 99));
        }
    }

    /** Runs {@code n} shard processes of a generated scenario with a common start; their results by index. */
    private static List<ShardResult> shards(Path dir, int n, Options o) throws IOException, InterruptedException {
        int rate = o.rate();
        int seconds = o.seconds();
        Files.createDirectories(dir);
        Path scenario = dir.resolve("scaling.yaml");
        Files.writeString(scenario, """
                name: merge-scaling
                seed: 3
                targets:
                  baseline:
                    simulated: {version: "1", latency: {median: 2ms, sigma: 0.2}}
                  candidate:
                    simulated: {version: "2", latency: {median: 2ms, sigma: 0.2}}
                traffic:
                  synth:
                    duration: %ds
                    rate: %d
                    requests:
                      - {name: predict, method: POST, path: /v1/predict, body: '{"features": {{features:8}}}'}
                compare: {enabled: false}
                gates:
                  latency:
                    p50: {maxIncrease: 10%%}
                """.formatted(seconds, rate));
        long startAt = System.currentTimeMillis() + o.leadSeconds() * 1_000L;
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Path out = dir.resolve("shard-" + i);
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "io.shadowgate.cli.Main", "run",
                        scenario.toString(), "--shard", i + "/" + n, "--start-at", String.valueOf(startAt), "--quiet",
                        "--out", out.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("shard-" + i + ".log").toFile()).start());
            }
            List<ShardResult> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Process p = processes.get(i);
                if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("shard " + i + "/" + n + " failed; see " + dir.resolve("shard-" + i + ".log"));
                }
                results.add(ShardFiles.read(dir.resolve("shard-" + i)));
            }
            results.sort(Comparator.comparingInt(r -> r.identity().index()));
            return results;
        } catch (io.shadowgate.shard.NotAShardException | io.shadowgate.shard.UnreadableShardException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }
}
