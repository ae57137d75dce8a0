package io.shadowgate.compare.contract;

import static io.shadowgate.compare.contract.ContractLearnerTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Each rule on a breaking change, and the evidence rules that keep odd responses from breaking the contract. */
class ContractComparisonTest {

    private static final String EP = "POST /v1/predict";
    private static final String JSON = "application/json";

    @Test
    void identicalTrafficHasNoChanges() {
        IntFunction<String> body = i -> "{\"label\": \"cat\", \"score\": 0." + i + (i % 10 == 0 ? ", \"debug\": {}" : "") + "}";
        assertThat(compare(learn(500, body), learn(500, body))).isEmpty();
    }

    @Test
    void aRemovedFieldAndATypeChangeAreBreaking() {
        ContractSchema baseline = learn(200, i -> "{\"label\": \"cat\", \"score\": 0.9, \"model\": \"v1\"}");
        ContractSchema candidate = learn(200, i -> "{\"label\": \"cat\", \"score\": \"0.9\"}");
        assertThat(compare(baseline, candidate))
                .extracting(ContractChange::path, ContractChange::kind, ContractChange::breaking,
                        ContractChange::candidateCount, ContractChange::candidateOf)
                .containsExactly(
                        tuple("$.model", ChangeKind.FIELD_REMOVED, true, 0L, 200L),
                        tuple("$.score", ChangeKind.TYPE_CHANGED, true, 200L, 200L));
        ContractChange typeChange = compare(baseline, candidate).get(1);
        assertThat(typeChange.endpoint()).isEqualTo(EP);
        assertThat(typeChange.statusClass()).isEqualTo("2xx");
        assertThat(typeChange.detail()).isEqualTo(
                "string in 200 of 200 (100.0%) candidate responses with the path; the baseline sent only [number]");
    }

    @Test
    void aRemovedObjectIsReportedOnceNotOncePerField() {
        ContractSchema baseline = learn(100, i -> "{\"label\": \"cat\", \"meta\": {\"a\": 1, \"b\": [{\"c\": 2}]}}");
        ContractSchema candidate = learn(100, i -> "{\"label\": \"cat\"}");
        assertThat(compare(baseline, candidate)).extracting(ContractChange::path).containsExactly("$.meta");
    }

    @Test
    void nullWhereTheBaselineNeverSentNullIsBreaking() {
        ContractSchema baseline = learn(300, i -> "{\"score\": 0.5}");
        ContractSchema candidate = learn(300, i -> "{\"score\": " + (i % 10 == 0 ? "null" : "0.5") + "}");
        assertThat(compare(baseline, candidate)).extracting(ContractChange::path, ContractChange::kind,
                ContractChange::breaking, ContractChange::candidateCount)
                .containsExactly(tuple("$.score", ChangeKind.NULL_INTRODUCED, true, 30L));
    }

    @Test
    void anAddedOptionalFieldIsInformationNotBreaking() {
        ContractSchema baseline = learn(200, i -> "{\"label\": \"cat\"}");
        ContractSchema candidate = learn(200, i -> i % 4 == 0
                ? "{\"label\": \"cat\", \"explanation\": {\"top\": [\"ear\"]}}" : "{\"label\": \"cat\"}");
        List<ContractChange> changes = compare(baseline, candidate);
        assertThat(changes).extracting(ContractChange::path, ContractChange::kind, ContractChange::breaking,
                        ContractChange::candidateCount, ContractChange::candidateOf)
                .containsExactly(tuple("$.explanation", ChangeKind.FIELD_ADDED, false, 50L, 200L));
    }

    /**
     * A field the baseline sent in 10% of 1,000 responses. A 20-response candidate without it is no
     * evidence (0 of 20 is likely at 10%: 0.9^20 = 12%); 300 responses without it are.
     */
    @Test
    void aRareOptionalFieldMissingFromASmallCandidateSampleIsNotFlagged() {
        ContractSchema baseline = learn(1000, i -> i % 10 == 0 ? "{\"label\": \"cat\", \"hint\": \"x\"}" : "{\"label\": \"cat\"}");
        assertThat(compare(baseline, learn(20, i -> "{\"label\": \"cat\"}"))).isEmpty();
        assertThat(compare(baseline, learn(300, i -> "{\"label\": \"cat\"}")))
                .extracting(ContractChange::path, ContractChange::kind).containsExactly(tuple("$.hint", ChangeKind.FIELD_REMOVED));
    }

    @Test
    void aFieldRarerThanOnePercentIsNotRequiredToStay() {
        ContractSchema baseline = learn(10_000, i -> i % 200 == 0 ? "{\"a\": 1, \"trace\": \"t\"}" : "{\"a\": 1}");
        assertThat(compare(baseline, learn(10_000, i -> "{\"a\": 1}"))).isEmpty();
    }

    @Test
    void aRequiredFieldThatGoesMissingOftenIsAPresenceDrop() {
        ContractSchema baseline = learn(1000, i -> "{\"label\": \"cat\", \"score\": 0.5}");
        ContractSchema candidate = learn(1000, i -> i % 10 == 0 ? "{\"label\": \"cat\"}" : "{\"label\": \"cat\", \"score\": 0.5}");
        assertThat(compare(baseline, candidate)).extracting(ContractChange::path, ContractChange::kind,
                ContractChange::breaking, ContractChange::baselineCount, ContractChange::candidateCount)
                .containsExactly(tuple("$.score", ChangeKind.PRESENCE_DROP, true, 1000L, 900L));
    }

    @Test
    void aFewResponsesWithoutARequiredFieldAreNotEnough() {
        ContractSchema baseline = learn(1000, i -> "{\"label\": \"cat\", \"score\": 0.5}");
        ContractSchema candidate = learn(1000, i -> i < 3 ? "{\"label\": \"cat\"}" : "{\"label\": \"cat\", \"score\": 0.5}");
        assertThat(compare(baseline, candidate)).isEmpty();
    }

    @Test
    void aNewServerErrorStatusIsBreakingButOneOddResponseIsNot() {
        ContractSchema baseline = learn(1000, i -> "{\"label\": \"cat\"}");
        ContractLearner candidate = new ContractLearner();
        for (int i = 0; i < 1000; i++) {
            boolean fails = i % 20 == 0;
            candidate.learn(EP, fails ? 500 : 200, JSON, json(fails ? "{\"error\": \"boom\"}" : "{\"label\": \"cat\"}"));
        }
        List<ContractChange> changes = compare(baseline, candidate.schema());
        assertThat(changes).extracting(ContractChange::kind, ContractChange::breaking, ContractChange::candidateCount,
                        ContractChange::candidateOf)
                .containsExactly(tuple(ChangeKind.NEW_STATUS_CODE, true, 50L, 1000L));
        assertThat(changes.get(0).detail()).isEqualTo("status 500 in 50 of 1000 (5.0%) candidate responses, never from the baseline");
        // The 2xx bodies did not change: learning bodies per status class keeps the error bodies out of them.

        ContractLearner oneOdd = new ContractLearner();
        for (int i = 0; i < 1000; i++) {
            oneOdd.learn(EP, i == 500 ? 500 : 200, JSON, json("{\"label\": \"cat\"}"));
        }
        assertThat(compare(baseline, oneOdd.schema())).isEmpty();
    }

    @Test
    void aContentTypeChangeIsBreaking() {
        ContractSchema baseline = learn(200, i -> "{\"label\": \"cat\"}");
        ContractLearner candidate = new ContractLearner();
        for (int i = 0; i < 200; i++) {
            candidate.learn(EP, 200, i % 2 == 0 ? "application/json;charset=UTF-8" : "text/plain", json("{\"label\": \"cat\"}"));
        }
        assertThat(compare(baseline, candidate.schema())).extracting(ContractChange::statusClass, ContractChange::kind,
                        ContractChange::breaking, ContractChange::candidateCount, ContractChange::detail)
                .containsExactly(tuple("2xx", ChangeKind.CONTENT_TYPE_CHANGED, true, 100L,
                        "text/plain in 100 of 200 (50.0%) candidate 2xx responses; the baseline sent only [application/json]"));
    }

    @Test
    void aBodyThatStopsBeingJsonRemovesTheRoot() {
        ContractSchema baseline = learn(100, i -> "{\"label\": \"cat\"}");
        ContractSchema candidate = learn(100, i -> "label=cat");
        assertThat(compare(baseline, candidate)).extracting(ContractChange::path, ContractChange::kind)
                .containsExactly(tuple("$", ChangeKind.FIELD_REMOVED));
    }

    @Test
    void arrayElementsAreJudgedOnTypesNotOnEmptiness() {
        ContractSchema baseline = learn(100, i -> "{\"items\": [{\"id\": 1}]}");
        assertThat(compare(baseline, learn(100, i -> "{\"items\": []}"))).isEmpty();
        assertThat(compare(baseline, learn(100, i -> "{\"items\": [\"1\"]}")))
                .extracting(ContractChange::path, ContractChange::kind)
                .containsExactly(tuple("$.items[*]", ChangeKind.TYPE_CHANGED));
    }

    @Test
    void pathsOverTheCapAreNotJudgedAndTheFoldIsReported() {
        ContractLearner baseline = new ContractLearner(3, 10);
        ContractLearner candidate = new ContractLearner(3, 10);
        for (int i = 0; i < 100; i++) {
            baseline.learn(EP, 200, JSON, json("{\"a\": 1, \"b\": 2, \"c\": 3}"));
            // The candidate adds a field first, so "c" is over its cap: absent here, but not removed.
            candidate.learn(EP, 200, JSON, json("{\"new\": 0, \"a\": 1, \"b\": 2, \"c\": 3}"));
        }
        List<ContractChange> changes = ContractComparison.compare(baseline.schema(), candidate.schema());
        assertThat(changes).extracting(ContractChange::kind, ContractChange::breaking, ContractChange::candidateCount)
                .containsExactly(tuple(ChangeKind.PATHS_FOLDED, false, 100L), tuple(ChangeKind.FIELD_ADDED, false, 100L));
        assertThat(changes.get(0).detail()).startsWith("the candidate's bodies had more than 3 distinct paths");
    }

    @Test
    void stricterRulesNeedMoreEvidence() {
        ContractSchema baseline = learn(1000, i -> "{\"label\": \"cat\"}");
        ContractLearner candidate = new ContractLearner();
        for (int i = 0; i < 1000; i++) {
            candidate.learn(EP, i % 100 == 0 ? 500 : 200, JSON, json("{\"label\": \"cat\"}"));
        }
        assertThat(ContractComparison.compare(baseline, candidate.schema())).hasSize(1);
        assertThat(ContractComparison.compare(baseline, candidate.schema(), new ContractRules(20, 0.01, 0.999, 0.99))).isEmpty();
    }

    private static ContractSchema learn(int n, IntFunction<String> body) {
        ContractLearner learner = new ContractLearner();
        for (int i = 0; i < n; i++) {
            learner.learn(EP, 200, JSON, json(body.apply(i)));
        }
        return learner.schema();
    }

    private static List<ContractChange> compare(ContractSchema baseline, ContractSchema candidate) {
        return ContractComparison.compare(baseline, candidate);
    }
}
