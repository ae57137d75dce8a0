package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.scenario.ResponseGates;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mismatch-rate gate, judged with an interval like every other gate, overall and per endpoint. */
class JudgeResponseGatesTest {

    private static final Evidence NO_TRAFFIC_GATES = new Evidence("all", Histograms.newHistogram(),
            Histograms.newHistogram(), OutcomeCounts.EMPTY, OutcomeCounts.EMPTY);

    private static Outcome answer(long id, String target, String endpoint, String json) {
        return new Outcome(id, target, endpoint, OutcomeKind.RESPONSE, 200, 0, 0, 1, new ResponseContent(
                List.of(new Header("content-type", "application/json")), json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code n} pairs per endpoint; the candidate differs in {@code differ} of them, the baseline
     * from itself in {@code noisy} (or, when negative, noise is not measured).
     */
    private static ResponseFindings findings(int n, Map<String, Integer> differ, int noisy) {
        ResponseComparison compare = new ResponseComparison(true, ResponseComparison.Noise.REPEAT, 1, 256,
                Map.of(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults()), Map.of());
        ResponseComparisonRecorder r = new ResponseComparisonRecorder(compare, "baseline", "candidate",
                noisy < 0 ? null : "again", 1);
        long id = 0;
        for (Map.Entry<String, Integer> e : differ.entrySet()) {
            for (int i = 0; i < n; i++, id++) {
                r.accept(answer(id, "baseline", e.getKey(), "{\"v\":1}"));
                r.accept(answer(id, "again", e.getKey(), i < noisy ? "{\"v\":0}" : "{\"v\":1}"));
                r.accept(answer(id, "candidate", e.getKey(), i < e.getValue() ? "{\"v\":2}" : "{\"v\":1}"));
            }
        }
        return r.findings(0.01);
    }

    private static Verdict judge(ResponseFindings f) {
        Gates gates = new Gates(500, Map.of(), null).withResponses(new ResponseGates(0.02, null, null, null));
        return new Judge(gates, 1).judge(List.of(NO_TRAFFIC_GATES), List.of(), f);
    }

    @Test
    void aCandidateWithinTheMismatchLimitIsGoOverallAndPerEndpoint() {
        Verdict v = judge(findings(4_000, new java.util.TreeMap<>(Map.of("a", 20, "b", 12)), -1));

        assertThat(v.gates()).extracting(GateResult::scope).containsExactly("all", "a", "b");
        assertThat(v.gates()).extracting(GateResult::decision).containsOnly(Decision.GO);
        GateResult all = v.gates().get(0);
        assertThat(all.estimate()).isEqualTo(32.0 / 8_000);
        assertThat(all.interval().method()).startsWith("Wilson");
        // One gate on three scopes: the NO_GO family counts all three.
        assertThat(all.rule()).contains("Bonferroni over 3 gates");
    }

    @Test
    void oneEndpointBeyondTheLimitIsNoGoAndNamed() {
        Verdict v = judge(findings(4_000, new java.util.TreeMap<>(Map.of("a", 20, "b", 400)), -1));

        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.reasons()).anySatisfy(r -> assertThat(r).startsWith("b: response mismatch rate: 400 of 4000 pairs differ"));
    }

    @Test
    void withNoiseMeasuredOnlyTheExcessOverTheBaselinesOwnRateCounts() {
        // 10 % of pairs differ, but the baseline differs from itself just as often: GO on the excess.
        Verdict v = judge(findings(4_000, Map.of("a", 400), 400));

        GateResult all = v.gates().get(0);
        assertThat(all.decision()).isEqualTo(Decision.GO);
        assertThat(all.estimate()).isZero();
        assertThat(all.interval().method()).isEqualTo("Newcombe hybrid score");
        assertThat(all.reason()).contains("(baseline against itself: 400 of 4000)");
    }

    @Test
    void tooFewPairsIsInconclusive() {
        assertThat(judge(findings(100, Map.of("a", 0), -1)).decision()).isEqualTo(Decision.INCONCLUSIVE);
    }
}
