package io.shadowgate.bench;

import io.shadowgate.capture.CaptureOptions;
import io.shadowgate.capture.CaptureProxy;
import io.shadowgate.capture.CaptureStats;
import io.shadowgate.capture.Upstream;
import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.netty.Transport;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.Replayer;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * How much latency does the capture proxy add? One simulated model server answers at once;
 * the replayer sends every request twice at the same intended instant, once to the server
 * directly ("direct") and once through a capture proxy in front of it that records every
 * exchange to a gzip traffic file ("proxy"). Both copies leave from the same client event
 * loop back to back, in alternating order, and are timed by the same clock, so the difference
 * of their distributions is the proxy's cost: two hops on loopback, two codecs, the copy into
 * the record. Rounds swap which of the two is the replayer's "baseline"; a first warm-up
 * round is discarded.
 *
 * <p>Times are service times (from the actual send to the whole response), since both copies
 * share their intended instant and lateness; the latency from the intended send is printed
 * too. Everything runs in this JVM, so the proxy, the server and the client compete for the
 * same cores, as they would on one small host.
 *
 * <p>How to run (after {@code mvn -DskipTests install -pl replay-engine -am} and
 * {@code mvn -DskipTests package -pl bench}):
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.CaptureProxyLatency --rate 5000 --seconds 10
 * </pre>
 * Options: {@code --rate} requests/s to each side (5000), {@code --seconds} per round (10),
 * {@code --rounds} measured (3), {@code --warmup} seconds (5), {@code --sample} recorded fraction (1).
 */
public final class CaptureProxyLatency {

    static final SimulatedProfile INSTANT = new SimulatedProfile("capture-bench", LatencyProfile.INSTANT, 0,
            SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());
    static final List<Header> HEADERS = List.of(new Header("content-type", "application/json"));
    static final byte[] BODY = "{\"id\":\"bench\",\"features\":[0.12,0.5,1.75,-0.3,2.0,0.01,0.9,1.1]}"
            .getBytes(StandardCharsets.UTF_8);
    static final ReplayOptions REPLAY = new ReplayOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 64, 16,
            ReplayOptions.AUTOMATIC_EVENT_LOOPS, false);
    static final double[] PERCENTILES = {50, 99, 99.9};
    static final String USAGE = "usage: CaptureProxyLatency [--rate N] [--seconds N] [--rounds N] [--warmup SECONDS] "
            + "[--sample FRACTION]";

    /** One round's distributions, ms: service time and latency from the intended send, per side. */
    record Round(String first, LatencySummary directService, LatencySummary proxyService, LatencySummary directLatency,
                 LatencySummary proxyLatency, long errors) {
    }

    public static void main(String[] args) throws IOException {
        int rate;
        int seconds;
        int rounds;
        int warmup;
        double sample;
        try {
            Map<String, String> o = options(args);
            rate = Integer.parseInt(o.getOrDefault("rate", "5000"));
            seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
            rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
            warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
            sample = Double.parseDouble(o.getOrDefault("sample", "1"));
        } catch (IllegalArgumentException e) {
            System.err.println("capture-proxy-latency: " + e.getMessage());
            System.err.println(USAGE);
            return;
        }
        System.out.printf(Locale.ROOT, "capture proxy latency: %d req/s to each side, %d rounds of %d s (+%d s warm-up), "
                        + "recording %.0f%%; %d cores, Java %s, %s transport%n", rate, rounds, seconds, warmup, sample * 100,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Transport.best());
        Path dir = Files.createTempDirectory("capture-bench");
        Path out = dir.resolve("capture.jsonl.gz");
        List<Round> measured = new ArrayList<>();
        CaptureStats stats;
        try (SimulatedServer sim = SimulatedServer.start(INSTANT, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Upstream.parse(sim.address().toString()), out)
                     .withSample(sample, 1).withRotateBytes(CaptureOptions.NO_ROTATION))) {
            URI direct = sim.address();
            System.out.println(header());
            if (warmup > 0) {
                System.out.println(row("warm-up", round(direct, proxy.uri(), rate, warmup, true)) + " (discarded)");
            }
            for (int r = 1; r <= rounds; r++) {
                Round round = round(direct, proxy.uri(), rate, seconds, r % 2 == 1);
                measured.add(round);
                System.out.println(row(Integer.toString(r), round));
            }
            System.out.println(median(measured));
            stats = proxy.stop();
        }
        long bytes = Files.size(out);
        System.out.printf(Locale.ROOT, "capture: %d of %d exchanges recorded (%d not sampled, %d dropped, %d late, "
                        + "%d incomplete), %.1f MB gzip%s%n", stats.recorded(), stats.exchanges(), stats.notSampled(),
                stats.dropped(), stats.late(), stats.incomplete(), bytes / 1e6,
                stats.failure() == null ? "" : "; FAILED: " + stats.failure());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Replays {@code seconds} of constant-rate predicts to both sides at once and measures each. */
    static Round round(URI direct, URI proxy, int rate, int seconds, boolean directFirst) {
        Map<String, URI> targets = new LinkedHashMap<>();
        String directRole = directFirst ? "baseline" : "candidate";
        String proxyRole = directFirst ? "candidate" : "baseline";
        targets.put("baseline", directFirst ? direct : proxy);
        targets.put("candidate", directFirst ? proxy : direct);
        ScheduleCounter scheduled = new ScheduleCounter();
        System.gc();
        MetricsRecorder recorder = new MetricsRecorder(List.copyOf(targets.keySet()), scheduled,
                MetricsRecorder.DEFAULT_INTERVAL_MILLIS);
        try (Replayer replayer = new Replayer(targets, REPLAY, recorder);
             TrafficSource traffic = scheduled.counting(constant(rate, seconds))) {
            replayer.connect();
            replayer.replay(traffic);
        } catch (Exception e) {
            throw new IllegalStateException("round failed: " + e.getMessage(), e);
        } finally {
            recorder.close();
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        targets.forEach((role, uri) -> addresses.put(role, uri.toString()));
        Map<String, TargetSummary> byRole = new LinkedHashMap<>();
        recorder.summaries(addresses).forEach(s -> byRole.put(s.target(), s));
        TargetSummary d = byRole.get(directRole);
        TargetSummary p = byRole.get(proxyRole);
        return new Round(directFirst ? "direct" : "proxy", d.service(), p.service(), d.latency(), p.latency(),
                d.counts().errors() + d.counts().notSent() + p.counts().errors() + p.counts().notSent());
    }

    /** {@code rate} predict requests a second, evenly spaced, for {@code seconds}. */
    static TrafficSource constant(int rate, int seconds) {
        long total = (long) rate * seconds;
        double intervalMicros = 1e6 / rate;
        return new TrafficSource() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public Request next() {
                long id = next++;
                return new Request(id, Math.round(id * intervalMicros), "POST /v1/predict", "POST", "/v1/predict", HEADERS, BODY);
            }

            @Override
            public void close() {
            }
        };
    }

    static String header() {
        return String.format(Locale.ROOT, "%-7s %-7s | %-26s | %-26s | %-26s | %-15s | %s", "round", "first",
                "direct p50/p99/p99.9 ms", "proxy p50/p99/p99.9 ms", "added p50/p99/p99.9 ms", "latency p99 d/p", "errors");
    }

    static String row(String label, Round r) {
        return String.format(Locale.ROOT, "%-7s %-7s | %-26s | %-26s | %-26s | %6.3f / %6.3f | %d", label, r.first(),
                triple(r.directService()::at), triple(r.proxyService()::at),
                triple(p -> r.proxyService().at(p) - r.directService().at(p)),
                r.directLatency().at(99), r.proxyLatency().at(99), r.errors());
    }

    /** A row of per-percentile medians over the rounds. */
    static String median(List<Round> rounds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s %-7s | ", "median", ""));
        line.append(String.format(Locale.ROOT, "%-26s | ", triple(p -> med(rounds, r -> r.directService().at(p)))));
        line.append(String.format(Locale.ROOT, "%-26s | ", triple(p -> med(rounds, r -> r.proxyService().at(p)))));
        line.append(String.format(Locale.ROOT, "%-26s | ", triple(p -> med(rounds,
                r -> r.proxyService().at(p) - r.directService().at(p)))));
        line.append(String.format(Locale.ROOT, "%6.3f / %6.3f |", med(rounds, r -> r.directLatency().at(99)),
                med(rounds, r -> r.proxyLatency().at(99))));
        return line.toString();
    }

    private static String triple(DoubleUnaryOperator at) {
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", at.applyAsDouble(PERCENTILES[0]),
                at.applyAsDouble(PERCENTILES[1]), at.applyAsDouble(PERCENTILES[2]));
    }

    private static double med(List<Round> rounds, ToDoubleFunction<Round> value) {
        double[] v = rounds.stream().mapToDouble(value).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** {@code --name value} pairs; an unknown name or a missing value is an IllegalArgumentException. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> known = Arrays.asList("rate", "seconds", "rounds", "warmup", "sample");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: --" + String.join(", --", known));
            }
            o.put(name, args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        }
        return o;
    }
}
