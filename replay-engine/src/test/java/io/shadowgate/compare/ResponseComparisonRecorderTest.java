package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.compare.contract.ChangeKind;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.PathClass;
import io.shadowgate.compare.response.PathDiffSummary;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outcomes of three targets in, findings out: the recorder as the run pipeline feeds it, without sockets. */
class ResponseComparisonRecorderTest {

    private static final ResponseComparison COMPARE = new ResponseComparison(true, ResponseComparison.Noise.REPEAT, 2,
            1024, Map.of(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults()),
            Map.of("predict", ModelOutputPaths.of("$.label", "$.score", null)));

    private static Outcome answer(long id, String target, int status, String json) {
        return new Outcome(id, target, "predict", OutcomeKind.RESPONSE, status, 0, 0, 1_000_000,
                new ResponseContent(List.of(new Header("Content-Type", "application/json")),
                        json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Outcome timeout(long id, String target) {
        return new Outcome(id, target, "predict", OutcomeKind.TIMEOUT, 0, 0, 0, 2_000_000_000L, ResponseContent.NONE);
    }

    /**
     * A nondeterministic requestId differs in every pair, the baseline's second answer too; the
     * price differs only against the candidate. The first is noise, the second a regression.
     */
    @Test
    void noiseIsToldApartFromARealChange() {
        ResponseComparisonRecorder r = new ResponseComparisonRecorder(COMPARE, "baseline", "candidate", "again", 1);
        for (int i = 0; i < 400; i++) {
            // Arrival order varies, as it does on the wire.
            r.accept(answer(i, "candidate", 200, "{\"rid\":\"c" + i + "\",\"price\":11,\"label\":\"x\",\"score\":0.5}"));
            r.accept(answer(i, "baseline", 200, "{\"rid\":\"b" + i + "\",\"price\":10,\"label\":\"x\",\"score\":0.5}"));
            r.accept(answer(i, "again", 200, "{\"rid\":\"a" + i + "\",\"price\":10,\"label\":\"x\",\"score\":0.5}"));
        }
        EndpointDiffSummary predict = r.findings(0.01).diffs().endpoints().get(0);

        assertThat(predict.candidate().compared()).isEqualTo(400);
        assertThat(predict.noise().compared()).isEqualTo(400);
        assertThat(predict.paths()).filteredOn(p -> p.path().equals("$.rid")).singleElement()
                .extracting(PathDiffSummary::pathClass).isEqualTo(PathClass.WITHIN_NOISE);
        assertThat(predict.paths()).filteredOn(p -> p.path().equals("$.price")).singleElement()
                .extracting(PathDiffSummary::pathClass).isEqualTo(PathClass.REGRESSION);
        assertThat(predict.noisyPaths()).extracting(PathDiffSummary::path).containsExactly("$.rid");
    }

    @Test
    void modelOutputsContractAndRejectionsComeFromTheSamePairs() {
        ResponseComparisonRecorder r = new ResponseComparisonRecorder(COMPARE, "baseline", "candidate", "again", 1);
        for (int i = 0; i < 100; i++) {
            String label = i < 10 ? "y" : "x";
            r.accept(answer(i, "baseline", 200, "{\"label\":\"x\",\"score\":0.50,\"price\":1}"));
            r.accept(answer(i, "again", 200, "{\"label\":\"x\",\"score\":0.50,\"price\":1}"));
            r.accept(i == 99 ? answer(i, "candidate", 400, "{\"error\":\"no\"}")
                    : answer(i, "candidate", 200, "{\"label\":\"" + label + "\",\"score\":0.52,\"price\":\"1\"}"));
        }
        ResponseFindings f = r.findings(0.01);

        var model = f.models().get("predict");
        assertThat(model.labels().compared()).isEqualTo(99);
        assertThat(model.labels().flipped()).isEqualTo(10);
        assertThat(model.drift().mean()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.contract()).filteredOn(ContractChange::breaking).extracting(ContractChange::path, ContractChange::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("$.price", ChangeKind.TYPE_CHANGED));
        assertThat(f.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.rejected()).isEqualTo(1);
            assertThat(rej.examples()).containsExactly("request 99");
        });
        assertThat(f.noise()).isEqualTo("repeat");
    }

    @Test
    void aPairWithoutTwoAnswersIsNotDiffedButTheAnswerStillTeachesTheSchema() {
        ResponseComparisonRecorder r = new ResponseComparisonRecorder(COMPARE, "baseline", "candidate", null, 1);
        r.accept(answer(1, "baseline", 200, "{\"a\":1}"));
        r.accept(timeout(1, "candidate"));
        r.accept(answer(2, "baseline", 200, "{\"a\":1}"));
        r.accept(answer(2, "candidate", 200, "{\"a\":1}"));
        r.accept(answer(2, "replica", 200, "{\"a\":2}"));   // not a role this recorder pairs

        ResponseFindings f = r.findings(0.01);
        assertThat(f.diffs().endpoints().get(0).candidate().compared()).isEqualTo(1);
        assertThat(f.diffs().endpoints().get(0).noise().compared()).isZero();
        assertThat(f.diffs().endpoints().get(0).paths()).isEmpty();
    }
}
