package io.shadowgate.rehearsal;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rehearsal's verdict from its rollout: GO only when every phase was promoted; NO_GO when a
 * phase was aborted on a breach; INCONCLUSIVE when it was abandoned on thin evidence or ended
 * undecided. Its gates are every phase's last judgement, each scoped to its phase.
 */
public final class RolloutVerdict {

    private RolloutVerdict() {
    }

    /** The run's verdict from a finished rollout: GO only if it completed. */
    public static Verdict of(RolloutResult result) {
        List<GateResult> gates = new ArrayList<>();
        result.stages().forEach(s -> gates.addAll(s.gates()));
        List<String> reasons = new ArrayList<>();
        Decision decision;
        StageResult last = result.stages().stream().filter(s -> s.outcome() != StageOutcome.NOT_REACHED)
                .reduce((a, b) -> b).orElseThrow();
        switch (result.outcome()) {
            case COMPLETED -> {
                decision = Decision.GO;
                reasons.add("the rollout completed: every phase was shown to hold ("
                        + result.stages().size() + " phase(s), " + last.name() + " of the traffic at the end)");
            }
            case ABORTED -> {
                decision = last.decision() == Decision.NO_GO ? Decision.NO_GO : Decision.INCONCLUSIVE;
                reasons.add(String.format(Locale.ROOT, "aborted at %s, %s into the run%s", last.label(),
                        Rollout.millis(result.detectedMillis()), result.timeToRevertMillis() == null ? ""
                                : "; traffic back on the baseline " + Rollout.millis(result.timeToRevertMillis()) + " later"));
                reasons.addAll(last.reasons());
            }
            default -> {
                decision = Decision.INCONCLUSIVE;
                reasons.add("the rollout ended at " + last.label() + " before it was decided"
                        + " (the traffic ran out or the run was interrupted); it cannot pre-authorize the candidate");
                reasons.addAll(last.reasons());
            }
        }
        return new Verdict(decision, List.copyOf(gates), List.copyOf(reasons));
    }
}
