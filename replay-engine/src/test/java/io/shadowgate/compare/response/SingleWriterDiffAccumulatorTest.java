package io.shadowgate.compare.response;

import static io.shadowgate.compare.response.Responses.json;
import static io.shadowgate.compare.response.Responses.utf8;
import static io.shadowgate.compare.response.Responses.withHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorCount;
import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Redactor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counting per path, bounded redacted examples, folding, merging, and telling regressions from noise. */
class SingleWriterDiffAccumulatorTest {

    private static final String EP = "/v1/score";
    private final ResponseComparator comparator = new ResponseComparator(DiffRules.defaults());

    private void record(SingleWriterDiffAccumulator acc, String endpoint, long sequence, PairType type,
            ResponseSnapshot baseline, ResponseSnapshot other) {
        acc.record(endpoint, sequence, type, baseline, other, comparator.compare(baseline, other));
    }

    private static PathDiffSummary path(ResponseDiffSummary summary, String endpoint, String path) {
        return endpoint(summary, endpoint).paths().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow();
    }

    private static EndpointDiffSummary endpoint(ResponseDiffSummary summary, String endpoint) {
        return summary.endpoints().stream().filter(e -> e.endpoint().equals(endpoint)).findFirst().orElseThrow();
    }

    @Test
    void aPairCountsOncePerPathHoweverManyElementsDifferThere() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator();
        String baseline = "{\"id\":\"a\",\"items\":[{\"p\":1},{\"p\":2},{\"p\":3},{\"p\":4},{\"p\":5}]}";
        String changed = "{\"id\":\"b\",\"items\":[{\"p\":9},{\"p\":9},{\"p\":9},{\"p\":9},{\"p\":\"9\"}]}";
        record(acc, EP, 1, PairType.CANDIDATE, json(baseline), json(changed));
        record(acc, EP, 2, PairType.CANDIDATE, json(baseline), json(baseline));
        record(acc, EP, 3, PairType.CANDIDATE, json(baseline), json(changed));
        record(acc, EP, 4, PairType.CANDIDATE, json(baseline), json("{\"id\":\"a\",\"items\":[]}"));

        ResponseDiffSummary summary = acc.summary(0.01);
        EndpointDiffSummary e = endpoint(summary, EP);
        assertThat(e.candidate()).isEqualTo(new PairCounts(4, 3));
        assertThat(e.noise()).isEqualTo(new PairCounts(0, 0));
        PathDiffSummary price = path(summary, EP, "$.items[*].p");
        assertThat(price.candidate()).isEqualTo(new PathCounts(2, 4,
                Map.of(DifferenceKind.VALUE_CHANGED, 2L, DifferenceKind.TYPE_CHANGED, 2L)));
        assertThat(price.candidate().rate()).isEqualTo(0.5);
        assertThat(price.pathClass()).isEqualTo(PathClass.NO_NOISE_DATA);
        assertThat(path(summary, EP, "$.items").candidate().byKind()).isEqualTo(Map.of(DifferenceKind.ARRAY_LENGTH_CHANGED, 1L));
        assertThat(e.paths()).extracting(PathDiffSummary::path).containsExactly("$.id", "$.items[*].p", "$.items");
    }

    @Test
    void examplesAreThoseWhoseSequenceHashesSmallestRedactedAndCut() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator(new AccumulatorLimits(2, 80, 1_000),
                Redactor.withDefaults(List.of("X-Api-Key"), List.of("password", "token")));
        String filler = "\"notes\":\"" + "n".repeat(200) + "\"";
        for (long sequence : new long[] {5, 3, 9, 1, 4}) {
            ResponseSnapshot baseline = withHeaders("{\"password\":\"hunter2\",\"auth\":{\"token\":\"t-" + sequence
                    + "-old\"},\"price\":10," + filler + "}",
                    "Content-Type", "application/json", "Authorization", "Bearer s3cret", "X-Api-Key", "k1", "X-Model", "7");
            ResponseSnapshot candidate = withHeaders("{\"password\":\"hunter2\",\"auth\":{\"token\":\"t-" + sequence
                    + "-new\"},\"price\":12," + filler + "}",
                    "Content-Type", "application/json", "Authorization", "Bearer s3cret", "X-Api-Key", "k1", "X-Model", "8");
            record(acc, EP, sequence, PairType.CANDIDATE, baseline, candidate);
        }
        ResponseDiffSummary summary = acc.summary(0.01);

        PathDiffSummary price = path(summary, EP, "$.price");
        // Bottom-2 by the hash of the sequence number under seed 0, in hash order: not the first two by sequence.
        List<Long> expected = java.util.stream.LongStream.of(5, 3, 9, 1, 4).boxed()
                .sorted(java.util.Comparator.comparingLong(s -> io.shadowgate.metrics.RequestHash.of(s, 0))).limit(2).toList();
        assertThat(expected).containsExactly(9L, 5L);
        assertThat(price.candidateExamples()).extracting(DiffExample::sequence).containsExactlyElementsOf(expected);
        DiffExample first = price.candidateExamples().get(0);
        assertThat(first.differences()).containsExactly(
                new Difference("$.price", "$.price", DifferenceKind.VALUE_CHANGED, "10", "12", null));
        assertThat(first.baseline().headers()).containsExactly(new Header("Content-Type", "application/json"),
                new Header("Authorization", "[REDACTED]"), new Header("X-Api-Key", "[REDACTED]"), new Header("X-Model", "7"));
        String body = utf8(first.baseline().body());
        assertThat(body).startsWith("{\"password\":\"[REDACTED]\",\"auth\":{\"token\":\"[REDACTED]\"},\"price\":10")
                .doesNotContain("hunter2").doesNotContain("t-9-old");
        assertThat(first.baseline().body()).hasSize(80);
        assertThat(first.baselineBodyBytes()).isGreaterThan(200);
        assertThat(utf8(first.other().body())).contains("\"price\":12");

        // The value of a difference at a redacted field is redacted too.
        PathDiffSummary token = path(summary, EP, "$.auth.token");
        assertThat(token.candidateExamples().get(0).differences()).containsExactly(new Difference("$.auth.token",
                "$.auth.token", DifferenceKind.VALUE_CHANGED, "[REDACTED]", "[REDACTED]", null));
        assertThat(token.candidate().differing()).isEqualTo(5);
    }

    @Test
    void aRedactedHeaderDifferenceIsMasked() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator();
        ResponseComparator headers = new ResponseComparator(DiffRules.defaults()
                .withHeaders(new HeaderRules(List.of("authorization"), List.of())));
        ResponseSnapshot b = withHeaders("{}", "Authorization", "Bearer one");
        ResponseSnapshot c = withHeaders("{}", "Authorization", "Bearer two");
        acc.record(EP, 1, PairType.CANDIDATE, b, c, headers.compare(b, c));
        assertThat(path(acc.summary(0.01), EP, "header:authorization").candidateExamples().get(0).differences())
                .extracting(Difference::baselineValue, Difference::candidateValue)
                .containsExactly(tuple("[REDACTED]", "[REDACTED]"));
    }

    @Test
    void pathsBeyondTheBoundAreFoldedAndCounted() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator();
        StringBuilder b = new StringBuilder("{\"users\":{");
        StringBuilder c = new StringBuilder("{\"users\":{");
        for (int i = 0; i < 1_200; i++) {
            b.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":1");
            c.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":2");
        }
        ResponseSnapshot baseline = json(b + "}}");
        ResponseSnapshot candidate = json(c + "}}");
        record(acc, EP, 1, PairType.CANDIDATE, baseline, candidate);
        record(acc, EP, 2, PairType.CANDIDATE, baseline, candidate);
        record(acc, EP, 3, PairType.NOISE, baseline, candidate);

        EndpointDiffSummary e = endpoint(acc.summary(0.01), EP);
        assertThat(e.paths()).hasSize(1_000);
        assertThat(e.folded()).isEqualTo(new FoldedPaths(200, true, 400, 200));
        assertThat(e.paths()).allSatisfy(p -> assertThat(p.candidate().differing()).isEqualTo(2));
    }

    @Test
    void mergingShardsGivesWhatOneStreamGives() {
        SingleWriterDiffAccumulator whole = new SingleWriterDiffAccumulator(new AccumulatorLimits(2, 128, 1_000),
                Redactor.withDefaults(List.of(), SingleWriterDiffAccumulator.DEFAULT_REDACTED_FIELDS));
        SingleWriterDiffAccumulator[] shards = new SingleWriterDiffAccumulator[3];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new SingleWriterDiffAccumulator(new AccumulatorLimits(2, 128, 1_000),
                    Redactor.withDefaults(List.of(), SingleWriterDiffAccumulator.DEFAULT_REDACTED_FIELDS));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (long sequence = 0; sequence < 600; sequence++) {
            String endpoint = random.nextBoolean() ? "/score" : "/rank";
            PairType type = random.nextInt(3) == 0 ? PairType.NOISE : PairType.CANDIDATE;
            ResponseSnapshot baseline = json(body(random, sequence, 0));
            ResponseSnapshot other = json(body(random, sequence, random.nextInt(4)));
            List<Difference> found = comparator.compare(baseline, other);
            whole.record(endpoint, sequence, type, baseline, other, found);
            shards[(int) (sequence % 3)].record(endpoint, sequence, type, baseline, other, found);
        }
        shards[0].merge(shards[1]);
        shards[0].merge(shards[2]);
        ResponseDiffSummary merged = shards[0].summary(0.01);
        assertThat(merged).isEqualTo(whole.summary(0.01));
        assertThat(SingleWriterDiffAccumulator.of(shards[0].state(), Redactor.none()).summary(0.01))
                .as("read back from its state").isEqualTo(merged);
        assertThat(merged.endpoints()).hasSize(2);
        assertThat(endpoint(merged, "/score").paths()).hasSizeGreaterThan(3);
        assertThatThrownBy(() -> shards[0].merge(shards[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /** A model response; {@code variant} changes some of it. */
    private static String body(SplittableRandom random, long sequence, int variant) {
        return "{\"requestId\":\"" + (random.nextInt(4) == 0 ? "same" : "r" + random.nextInt()) + "\","
                + "\"items\":[{\"id\":1,\"score\":" + (variant == 1 ? 0.7 : 0.5) + "}" + (variant == 2 ? "" : ",{\"id\":2}") + "],"
                + "\"label\":\"" + (variant == 3 ? "dog" : "cat") + "\",\"token\":\"" + sequence % 5 + "\"}";
    }

    @Test
    void pathsAreKeptByFirstSequenceWhenMergingFillsTheTable() {
        AccumulatorLimits three = new AccumulatorLimits(1, 64, 3);
        SingleWriterDiffAccumulator whole = new SingleWriterDiffAccumulator(three, Redactor.none());
        SingleWriterDiffAccumulator odd = new SingleWriterDiffAccumulator(three, Redactor.none());
        SingleWriterDiffAccumulator even = new SingleWriterDiffAccumulator(three, Redactor.none());
        String[] fields = {"a", "b", "c", "d", "a", "b", "d", "c"};
        for (int sequence = 1; sequence <= fields.length; sequence++) {
            ResponseSnapshot b = json("{\"" + fields[sequence - 1] + "\":1}");
            ResponseSnapshot c = json("{\"" + fields[sequence - 1] + "\":2}");
            List<Difference> found = comparator.compare(b, c);
            whole.record(EP, sequence, PairType.CANDIDATE, b, c, found);
            (sequence % 2 == 1 ? odd : even).record(EP, sequence, PairType.CANDIDATE, b, c, found);
        }
        odd.merge(even);
        ResponseDiffSummary merged = odd.summary(0.01);
        assertThat(merged).isEqualTo(whole.summary(0.01));
        assertThat(endpoint(merged, EP).paths()).extracting(PathDiffSummary::path).containsExactlyInAnyOrder("$.a", "$.b", "$.c");
        assertThat(endpoint(merged, EP).folded()).isEqualTo(new FoldedPaths(1, true, 2, 0));
    }

    @Test
    void noiseCancellationSeparatesANondeterministicFieldFromARealChange() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator();
        for (int i = 0; i < 500; i++) {
            ResponseSnapshot baseline = json(model("r" + i + "a", 10, i % 2 == 0 ? 0.3 : 0.4));
            // The second baseline: a fresh request id 9 times in 10, the score drifting half the time.
            ResponseSnapshot replica = json(model(i % 10 == 0 ? "r" + i + "a" : "r" + i + "b", 10, i % 20 < 9 ? 0.35 : (i % 2 == 0 ? 0.3 : 0.4)));
            // The candidate: the same request-id noise and score drift, and the price changed in 1 pair in 4.
            ResponseSnapshot candidate = json(model(i % 10 == 0 ? "r" + i + "a" : "r" + i + "c", i % 4 == 0 ? 12 : 10,
                    i % 2 == 0 ? 0.35 : 0.4));
            record(acc, EP, i, PairType.CANDIDATE, baseline, candidate);
            record(acc, EP, i, PairType.NOISE, baseline, replica);
        }
        ResponseDiffSummary summary = acc.summary(NoiseClassifier.DEFAULT_ALPHA);

        PathDiffSummary requestId = path(summary, EP, "$.requestId");
        assertThat(requestId.candidate().rate()).isEqualTo(0.9);
        assertThat(requestId.noise().rate()).isEqualTo(0.9);
        assertThat(requestId.pathClass()).isEqualTo(PathClass.WITHIN_NOISE);

        PathDiffSummary price = path(summary, EP, "$.price");
        assertThat(price.candidate().rate()).isEqualTo(0.25);
        assertThat(price.noise().differing()).isZero();
        assertThat(price.pathClass()).isEqualTo(PathClass.REGRESSION);
        DifferenceEstimate expected = ErrorRateDifference.newcombe(ErrorCount.of(0, 500), ErrorCount.of(125, 500), 0.98);
        assertThat(price.excess()).isEqualTo(expected);
        assertThat(price.excess().lower()).isPositive();

        // The score differs in half the candidate pairs and in 45 % of noise pairs: not shown beyond noise.
        PathDiffSummary score = path(summary, EP, "$.score");
        assertThat(score.candidate().rate()).isEqualTo(0.5);
        assertThat(score.noise().rate()).isEqualTo(0.45);
        assertThat(score.pathClass()).isEqualTo(PathClass.WITHIN_NOISE);

        EndpointDiffSummary e = endpoint(summary, EP);
        assertThat(e.regressions()).extracting(PathDiffSummary::path).containsExactly("$.price");
        assertThat(e.noisyPaths()).extracting(PathDiffSummary::path).containsExactly("$.requestId", "$.score");
        // The three noise pairs that differed there whose sequence numbers hash smallest under seed 0.
        List<Long> smallest = java.util.stream.LongStream.range(0, 500).filter(i -> i % 10 != 0).boxed()
                .sorted(java.util.Comparator.comparingLong(i -> io.shadowgate.metrics.RequestHash.of(i, 0))).limit(3).toList();
        assertThat(path(summary, EP, "$.requestId").noiseExamples()).extracting(DiffExample::sequence)
                .containsExactlyElementsOf(smallest);
    }

    private static String model(String requestId, int price, double score) {
        return "{\"requestId\":\"" + requestId + "\",\"price\":" + price + ",\"score\":" + score + ",\"label\":\"cat\"}";
    }

    @Test
    void withoutNoiseDataEveryPathIsACandidateDifference() {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator();
        for (int i = 0; i < 100; i++) {
            record(acc, EP, i, PairType.CANDIDATE, json(model("r" + i, 10, 0.3)), json(model("s" + i, 12, 0.3)));
        }
        EndpointDiffSummary e = endpoint(acc.summary(0.01), EP);
        assertThat(e.paths()).extracting(PathDiffSummary::pathClass).containsOnly(PathClass.NO_NOISE_DATA);
        assertThat(e.paths()).allSatisfy(p -> assertThat(p.excess().method()).isEqualTo(DifferenceEstimate.NO_DATA));
        assertThat(e.regressions()).isEmpty();
        assertThat(e.noisyPaths()).isEmpty();
    }

    @Test
    void badLimitsAndLevelsSaySo() {
        assertThatThrownBy(() -> new AccumulatorLimits(3, 4096, 0))
                .hasMessage("pathsPerEndpoint must be >= 1 (was 0)");
        assertThatThrownBy(() -> new SingleWriterDiffAccumulator().summary(0.7))
                .hasMessage("alpha must be in (0, 0.5) (was 0.7)");
    }
}
