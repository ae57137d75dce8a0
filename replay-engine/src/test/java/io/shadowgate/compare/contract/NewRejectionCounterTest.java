package io.shadowgate.compare.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewRejectionCounterTest {

    @Test
    void listsPairsTheBaselineAcceptedAndTheCandidateRejected() {
        NewRejectionCounter counter = new NewRejectionCounter(2, 10);
        counter.record("POST /v1/predict", 200, 200, "POST /v1/predict?id=1");
        counter.record("POST /v1/predict", 200, 422, "POST /v1/predict?id=2");
        counter.record("POST /v1/predict", 201, 400, "POST /v1/predict?id=3");
        counter.record("POST /v1/predict", 400, 400, "POST /v1/predict?id=4");  // both rejected: not new
        counter.record("POST /v1/predict", 200, 500, "POST /v1/predict?id=5");  // a failure, not a rejection
        counter.record("POST /v1/predict", 200, 422, "POST /v1/predict?id=6");  // examples are full
        counter.record("GET /health", 200, 200, "GET /health");
        assertThat(counter.snapshot()).containsExactly(
                new NewRejections("GET /health", 1, 0, Map.of(), List.of()),
                new NewRejections("POST /v1/predict", 6, 3, Map.of(400, 1L, 422, 2L),
                        List.of("POST /v1/predict?id=2", "POST /v1/predict?id=3")));
        assertThat(counter.snapshot().get(1).rate()).isEqualTo(0.5);
    }

    @Test
    void examplesAreBoundedInLength() {
        NewRejectionCounter counter = new NewRejectionCounter();
        counter.record("GET /q", 200, 414, "GET /q?" + "x".repeat(5000));
        String example = counter.snapshot().get(0).examples().get(0);
        assertThat(example).hasSize(NewRejectionCounter.MAX_EXAMPLE_LENGTH).endsWith("…");
    }

    @Test
    void mergeEqualsSingleStreamAndEndpointsAreCapped() {
        NewRejectionCounter single = new NewRejectionCounter(3, 2);
        NewRejectionCounter first = new NewRejectionCounter(3, 2);
        NewRejectionCounter second = new NewRejectionCounter(3, 2);
        String[] endpoints = {"GET /a", "GET /b", "GET /c"};
        for (int i = 0; i < 60; i++) {
            String ep = endpoints[i % 3];
            int candidate = i % 4 == 0 ? 404 : 200;
            single.record(ep, 200, candidate, ep + "#" + i);
            (i < 30 ? first : second).record(ep, 200, candidate, ep + "#" + i);
        }
        first.merge(second);
        assertThat(first.snapshot()).isEqualTo(single.snapshot());
        assertThat(first.foldedPairs()).isEqualTo(single.foldedPairs()).isEqualTo(20);
        assertThat(single.snapshot()).extracting(NewRejections::endpoint).containsExactly("GET /a", "GET /b");
    }
}
