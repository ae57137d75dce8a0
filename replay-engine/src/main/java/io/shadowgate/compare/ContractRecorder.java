package io.shadowgate.compare;

import io.shadowgate.compare.contract.ContractComparison;
import io.shadowgate.compare.contract.ContractLearner;
import io.shadowgate.compare.contract.ContractSchema;
import io.shadowgate.compare.response.ResponseDiffSummary;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.OutcomeSink;
import java.util.List;
import java.util.Map;

/**
 * The contract check without pairs: learns each side's response schema from whatever responses
 * each side gave (split mode's stages, where every request goes to one target) and compares the
 * two, with the same evidence rules as in shadow mode ({@link ContractComparison}). Schemas are
 * a property of a version, not of a request, so no pairing is needed, only enough responses on
 * each side. Thread-safe: each side's learner is guarded by its own lock, held for one parse.
 */
public final class ContractRecorder implements OutcomeSink {

    private final String baseline;
    private final String candidate;
    private final ContractLearner baselineSchema = new ContractLearner();
    private final ContractLearner candidateSchema = new ContractLearner();

    public ContractRecorder(String baseline, String candidate) {
        this.baseline = baseline;
        this.candidate = candidate;
    }

    @Override
    public void accept(Outcome outcome) {
        if (outcome.kind() != OutcomeKind.RESPONSE) {
            return;
        }
        ContractLearner learner = outcome.target().equals(baseline) ? baselineSchema
                : outcome.target().equals(candidate) ? candidateSchema : null;
        if (learner != null) {
            synchronized (learner) {
                learner.learn(outcome.endpoint(), outcome.status(), outcome.response().headers(),
                        outcome.response().body());
            }
        }
    }

    /**
     * The contract changes so far, as findings with nothing else in them (no pairs were
     * compared); {@code alpha} is recorded as the diffs' level for the reader.
     */
    public ResponseFindings findingsSoFar(double alpha) {
        ContractSchema b = snapshot(baselineSchema);
        ContractSchema c = snapshot(candidateSchema);
        return new ResponseFindings(ResponseFindings.UNPAIRED, new ResponseDiffSummary(alpha, List.of()), Map.of(),
                ContractComparison.compare(b, c), List.of(), 0, 0, Math.min(b.responsesLearned(), c.responsesLearned()));
    }

    private static ContractSchema snapshot(ContractLearner learner) {
        synchronized (learner) {
            return learner.schema();
        }
    }
}
