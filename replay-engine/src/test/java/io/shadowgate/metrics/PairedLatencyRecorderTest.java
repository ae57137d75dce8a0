package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The request pairs a run keeps, over all endpoints and per endpoint: each sample is the one a
 * reservoir fed only that scope's pairs would keep, however the endpoints arrive.
 */
class PairedLatencyRecorderTest {

    private static final int CAPACITY = 50;
    private static final long SEED = 7;

    /** Both sides of request {@code id} on {@code endpoint}, the candidate 1.1 times slower. */
    private static void pair(PairedLatencyRecorder recorder, long id, String endpoint, long micros) {
        recorder.accept(outcome(id, "baseline", endpoint, micros));
        recorder.accept(outcome(id, "candidate", endpoint, micros * 11 / 10));
    }

    private static Outcome outcome(long id, String target, String endpoint, long micros) {
        return new Outcome(id, target, endpoint, OutcomeKind.RESPONSE, 200, 0, 0, micros * 1_000, ResponseContent.NONE);
    }

    private static void assertSame(PairSample actual, PairReservoir expected) {
        PairSample e = expected.sample();
        assertThat(actual.ids()).containsExactly(e.ids());
        assertThat(actual.baselineMicros()).containsExactly(e.baselineMicros());
        assertThat(actual.candidateMicros()).containsExactly(e.candidateMicros());
        assertThat(actual.seen()).isEqualTo(e.seen());
    }

    @Test
    void withOneEndpointItsSampleIsTheWholeRunsSample() {
        PairedLatencyRecorder recorder = new PairedLatencyRecorder("baseline", "candidate", CAPACITY, SEED);
        PairReservoir expected = new PairReservoir(CAPACITY, SEED);
        for (long id = 0; id < 500; id++) {
            pair(recorder, id, "predict", 1_000 + id);
            expected.add(id, 1_000 + id, (1_000 + id) * 11 / 10);
        }

        Map<String, PairSample> byEndpoint = recorder.samplesByEndpoint();

        assertThat(byEndpoint).containsOnlyKeys("predict");
        assertSame(byEndpoint.get("predict"), expected);
        assertSame(recorder.sample(), expected);
        assertThat(recorder.snapshot("predict").size()).isEqualTo(CAPACITY);
        assertThat(recorder.snapshot("other").size()).isZero();
    }

    /**
     * A second endpoint that first appears after the first has filled its sample and replaced
     * pairs in it, then both interleaved: each endpoint's sample, and the whole run's, is what a
     * reservoir of that scope alone keeps.
     */
    @Test
    void aLateSecondEndpointLeavesEveryScopesSampleAsIfKeptApart() {
        PairedLatencyRecorder recorder = new PairedLatencyRecorder("baseline", "candidate", CAPACITY, SEED);
        PairReservoir all = new PairReservoir(CAPACITY, SEED);
        Map<String, PairReservoir> apart = Map.of("predict", new PairReservoir(CAPACITY, SEED),
                "embed", new PairReservoir(CAPACITY, SEED));
        SplittableRandom random = new SplittableRandom(3);
        for (long id = 0; id < 2_000; id++) {
            String endpoint = id < 700 || random.nextBoolean() ? "predict" : "embed";
            long micros = 500 + random.nextInt(10_000);
            pair(recorder, id, endpoint, micros);
            all.add(id, micros, micros * 11 / 10);
            apart.get(endpoint).add(id, micros, micros * 11 / 10);
        }

        Map<String, PairSample> byEndpoint = recorder.samplesByEndpoint();

        assertThat(byEndpoint).containsOnlyKeys("predict", "embed");
        assertSame(byEndpoint.get("predict"), apart.get("predict"));
        assertSame(byEndpoint.get("embed"), apart.get("embed"));
        assertSame(recorder.sample(), all);
    }

    /**
     * Two event loops, one per target, ending their sides of the same requests at the same time,
     * so that both often reach the same request at once: every request both answered is paired
     * exactly once, one that failed on a side is not, and the sample is the one the pairs alone
     * make.
     */
    @Test
    void outcomesFromTwoThreadsPairEveryRequestOnce() throws Exception {
        int requests = 50_000;
        PairedLatencyRecorder recorder = new PairedLatencyRecorder("baseline", "candidate", CAPACITY, SEED);
        PairReservoir expected = new PairReservoir(CAPACITY, SEED);
        for (long id = 0; id < requests; id++) {
            if (id % 10 != 0) {
                expected.add(id, 1_000 + id % 97, (1_000 + id % 97) * 11 / 10);
            }
        }
        Thread baseline = new Thread(() -> {
            for (long id = 0; id < requests; id++) {
                recorder.accept(outcome(id, "baseline", "predict", 1_000 + id % 97));
            }
        });
        Thread candidate = new Thread(() -> {
            for (long id = 0; id < requests; id++) {
                recorder.accept(id % 10 == 0
                        ? new Outcome(id, "candidate", "predict", OutcomeKind.CONNECTION_ERROR, 0, 0, 0, 1_000, ResponseContent.NONE)
                        : outcome(id, "candidate", "predict", (1_000 + id % 97) * 11 / 10));
            }
        });
        baseline.start();
        candidate.start();
        baseline.join();
        candidate.join();

        assertThat(recorder.sample().seen()).isEqualTo(requests - requests / 10);
        assertSame(recorder.sample(), expected);
    }
}
