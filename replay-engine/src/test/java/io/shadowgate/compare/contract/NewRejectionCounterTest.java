package io.shadowgate.compare.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.RequestHash;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NewRejectionCounterTest {

    @Test
    void listsPairsTheBaselineAcceptedAndTheCandidateRejected() {
        NewRejectionCounter counter = new NewRejectionCounter(2, 10, 5);
        counter.record("POST /v1/predict", 200, 200, 1);
        counter.record("POST /v1/predict", 200, 422, 2);
        counter.record("POST /v1/predict", 201, 400, 3);
        counter.record("POST /v1/predict", 400, 400, 4);  // both rejected: not new
        counter.record("POST /v1/predict", 200, 500, 5);  // a failure, not a rejection
        counter.record("POST /v1/predict", 200, 422, 6);  // three rejections for two examples
        counter.record("GET /health", 200, 200, 7);
        // The two of requests 2, 3 and 6 whose ids hash smallest under seed 5, in hash order.
        List<String> examples = LongStream.of(2, 3, 6).boxed()
                .sorted(Comparator.comparingLong(id -> RequestHash.of(id, 5))).limit(2)
                .map(NewRejectionCounter::exampleName).toList();
        assertThat(counter.snapshot()).containsExactly(
                new NewRejections("GET /health", 1, 0, Map.of(), List.of()),
                new NewRejections("POST /v1/predict", 6, 3, Map.of(400, 1L, 422, 2L), examples));
        assertThat(counter.snapshot().get(1).rate()).isEqualTo(0.5);
    }

    @Test
    void examplesDoNotDependOnArrivalOrder() {
        NewRejectionCounter forward = new NewRejectionCounter(3, 10, 9);
        NewRejectionCounter backward = new NewRejectionCounter(3, 10, 9);
        for (int i = 0; i < 50; i++) {
            forward.record("GET /q", 200, 404, i);
            backward.record("GET /q", 200, 404, 49 - i);
        }
        assertThat(forward.snapshot()).isEqualTo(backward.snapshot());
        assertThat(NewRejectionCounter.of(forward.state()).snapshot()).isEqualTo(forward.snapshot());
    }

    @Test
    void mergeEqualsSingleStreamAndEndpointsAreCapped() {
        NewRejectionCounter single = new NewRejectionCounter(3, 2, 1);
        NewRejectionCounter first = new NewRejectionCounter(3, 2, 1);
        NewRejectionCounter second = new NewRejectionCounter(3, 2, 1);
        String[] endpoints = {"GET /a", "GET /b", "GET /c"};
        for (int i = 0; i < 60; i++) {
            String ep = endpoints[i % 3];
            int candidate = i % 4 == 0 ? 404 : 200;
            single.record(ep, 200, candidate, i);
            (i < 30 ? first : second).record(ep, 200, candidate, i);
        }
        // The endpoint cap keeps the first endpoints seen: exact here because the first shard saw them first.
        first.merge(second);
        assertThat(first.snapshot()).isEqualTo(single.snapshot());
        assertThat(first.foldedPairs()).isEqualTo(single.foldedPairs()).isEqualTo(20);
        assertThat(single.snapshot()).extracting(NewRejections::endpoint).containsExactly("GET /a", "GET /b");
    }
}
