package io.shadowgate.bench;

import io.shadowgate.compare.response.Difference;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.compare.response.Normalisation;
import io.shadowgate.compare.response.NumericTolerance;
import io.shadowgate.compare.response.PairType;
import io.shadowgate.compare.response.PreparedResponse;
import io.shadowgate.compare.response.ResponseComparator;
import io.shadowgate.compare.response.ResponseSnapshot;
import io.shadowgate.compare.response.SingleWriterDiffAccumulator;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to compare one shadow pair: {@link ResponseComparator#compare} on two ~2 KB
 * JSON model responses (a request id, a timestamp, a model block, a query block, 20 scored
 * items with ids, labels, tags and a debug object, a meta block), the call the run makes for
 * every baseline/candidate pair, at thousands of pairs a second on two cores.
 *
 * <p>Every measured call prepares both responses afresh, so the bodies are parsed (Jackson's
 * tree model) whenever their bytes differ, as in a run:
 * <ul>
 *   <li>{@code identical}: byte-for-byte equal bodies. Equal bytes cannot differ under any
 *       rule, so this is one {@code Arrays.equals} and the header check, no parse.</li>
 *   <li>{@code equalAfterParse}: the same JSON written with different spacing: both bodies
 *       parsed and walked, nothing found. The cost of an equal pair that is not byte-equal.</li>
 *   <li>{@code fewDifferences}: four differences (a score, a label, an added field, a
 *       meta value), default rules.</li>
 *   <li>{@code withRules}: every item's score moved by 1e-4, new request id, new timestamp,
 *       new debug objects and latency; rules ignore three paths, tolerate 1e-3 on scores and
 *       normalise the timestamp, so nothing is reported. What a noisy but correct candidate costs.</li>
 *   <li>{@code fewDifferencesRecorded}: {@code fewDifferences} plus
 *       {@link SingleWriterDiffAccumulator#record} of the result (examples are built for the
 *       first pairs only, so this is the steady state).</li>
 * </ul>
 * {@code baseline} returns a prepared response: the floor.
 *
 * <p>How to run (from the repository root, after building {@code bench/target/benchmarks.jar}):
 * <pre>
 *   java -jar bench/target/benchmarks.jar JsonDiffBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 * Scores are pairs per second on one thread; multiply by the two bodies' bytes (printed at
 * set-up) for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonDiffBenchmark {

    static final int ITEMS = 20;
    static final String[] LABELS = {"trail-runner", "road-racer", "cushion-max", "spike-pro", "daily-trainer"};

    private ResponseSnapshot baseline;
    private ResponseSnapshot identical;
    private ResponseSnapshot respaced;
    private ResponseSnapshot fewDifferences;
    private ResponseSnapshot noisy;
    private ResponseComparator defaults;
    private ResponseComparator withRules;
    private SingleWriterDiffAccumulator accumulator;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        baseline = response(body(Variant.BASELINE, ": ", ","));
        identical = response(body(Variant.BASELINE, ": ", ","));
        respaced = response(body(Variant.BASELINE, " : ", ", "));
        fewDifferences = response(body(Variant.FEW_DIFFERENCES, ": ", ","));
        noisy = response(body(Variant.NOISY, ": ", ","));
        defaults = new ResponseComparator(DiffRules.defaults());
        withRules = new ResponseComparator(DiffRules.defaults()
                .ignoring("$.requestId", "$.items[*].debug", "$.meta.latencyMs")
                .withTolerance(NumericTolerance.absolute("$.items[*].score", 1e-3))
                .withNormalisation(Normalisation.timestamps("$.createdAt")));
        accumulator = new SingleWriterDiffAccumulator();
        check(defaults.compare(baseline, identical), 0);
        check(defaults.compare(baseline, respaced), 0);
        check(defaults.compare(baseline, fewDifferences), 4);
        check(withRules.compare(baseline, noisy), 0);
        System.out.printf(Locale.ROOT, "%nbody bytes: baseline %d, identical %d, respaced %d, fewDifferences %d, noisy %d%n",
                baseline.body().length, identical.body().length, respaced.body().length,
                fewDifferences.body().length, noisy.body().length);
    }

    /** The floor: handing back a prepared response. */
    @Benchmark
    public PreparedResponse baseline() {
        return PreparedResponse.of(baseline);
    }

    @Benchmark
    public List<Difference> identical() {
        return defaults.compare(PreparedResponse.of(baseline), PreparedResponse.of(identical));
    }

    @Benchmark
    public List<Difference> equalAfterParse() {
        return defaults.compare(PreparedResponse.of(baseline), PreparedResponse.of(respaced));
    }

    @Benchmark
    public List<Difference> fewDifferences() {
        return defaults.compare(PreparedResponse.of(baseline), PreparedResponse.of(fewDifferences));
    }

    @Benchmark
    public List<Difference> withRules() {
        return withRules.compare(PreparedResponse.of(baseline), PreparedResponse.of(noisy));
    }

    @Benchmark
    public SingleWriterDiffAccumulator fewDifferencesRecorded() {
        List<Difference> found = defaults.compare(PreparedResponse.of(baseline), PreparedResponse.of(fewDifferences));
        accumulator.record("/v1/rank", sequence++, PairType.CANDIDATE, baseline, fewDifferences, found);
        return accumulator;
    }

    private static void check(List<Difference> found, int expected) {
        if (found.size() != expected) {
            throw new IllegalStateException("the fixture should give " + expected + " differences, gave " + found);
        }
    }

    enum Variant { BASELINE, FEW_DIFFERENCES, NOISY }

    private static ResponseSnapshot response(String body) {
        return new ResponseSnapshot(200, List.of(new Header("Content-Type", "application/json"), new Header("Date", "Mon")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A ranking model's answer; {@code colon} and {@code comma} vary the spacing only. */
    static String body(Variant v, String colon, String comma) {
        boolean noisy = v == Variant.NOISY;
        StringBuilder s = new StringBuilder(2_400);
        s.append('{');
        field(s, "requestId", colon).append(noisy ? "\"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"" : "\"6f1c2a34-0b7e-4c1d-9a2b-1234567890ab\"").append(comma);
        field(s, "createdAt", colon).append(noisy ? "\"2024-06-01T12:00:01.874Z\"" : "\"2024-06-01T12:00:00.123Z\"").append(comma);
        field(s, "model", colon).append('{');
        field(s, "name", colon).append("\"ranker\"").append(comma);
        field(s, "version", colon).append("\"2024.06.1\"").append(comma);
        field(s, "features", colon).append('{');
        field(s, "dim", colon).append(128).append(comma);
        field(s, "normalised", colon).append(true).append('}').append('}').append(comma);
        field(s, "query", colon).append('{');
        field(s, "text", colon).append("\"running shoes\"").append(comma);
        field(s, "locale", colon).append("\"en-GB\"").append(comma);
        field(s, "page", colon).append(1).append('}').append(comma);
        field(s, "items", colon).append('[');
        for (int i = 0; i < ITEMS; i++) {
            if (i > 0) {
                s.append(comma);
            }
            double score = 0.95 - i * 0.041;
            if (noisy) {
                score += 1e-4;
            }
            if (v == Variant.FEW_DIFFERENCES && i == 3) {
                score = 0.5;
            }
            String label = v == Variant.FEW_DIFFERENCES && i == 7 ? "road-racer-x" : LABELS[i % LABELS.length];
            s.append('{');
            field(s, "id", colon).append(1001 + i).append(comma);
            field(s, "label", colon).append('"').append(label).append('"').append(comma);
            field(s, "score", colon).append(String.format(Locale.ROOT, "%.5f", score)).append(comma);
            field(s, "rank", colon).append(i + 1).append(comma);
            field(s, "tags", colon).append(i % 3 == 0 ? "[\"sale\",\"new\"]" : "[\"core\"]").append(comma);
            if (v == Variant.FEW_DIFFERENCES && i == 12) {
                field(s, "explain", colon).append("\"boosted\"").append(comma);
            }
            field(s, "debug", colon).append('{');
            field(s, "shard", colon).append(noisy ? 7 : 3).append('}');
            s.append('}');
        }
        s.append(']').append(comma);
        field(s, "meta", colon).append('{');
        field(s, "latencyMs", colon).append(noisy ? 15 : 12).append(comma);
        field(s, "cache", colon).append(v == Variant.FEW_DIFFERENCES ? "\"hit\"" : "\"miss\"").append(comma);
        field(s, "host", colon).append("\"model-7\"").append('}');
        s.append('}');
        return s.toString();
    }

    private static StringBuilder field(StringBuilder s, String name, String colon) {
        return s.append('"').append(name).append('"').append(colon);
    }
}
