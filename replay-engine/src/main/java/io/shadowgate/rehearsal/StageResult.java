package io.shadowgate.rehearsal;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.metrics.OutcomeCounts;
import java.util.List;

/**
 * One phase of a rollout as it happened: when, how it ended, the judgement that decided it,
 * and its accounts (every request routed in it ended in exactly one outcome at its target).
 *
 * @param index       0 for the first phase
 * @param stage       the split stage's number from 1, or 0 for the shadow phase
 * @param name        {@code shadow} or the candidate's weight, e.g. {@code 25%}
 * @param shadow      whether every request went to both targets
 * @param weight      the candidate's share of the requests
 * @param holdMillis  planned length, before extensions
 * @param startMillis when it started, from the schedule's start; -1 if never reached
 * @param endMillis   when it was decided or ended; -1 if never reached
 * @param outcome     how it ended
 * @param extensions  how many times it was extended by its hold
 * @param looks       how many times it was judged
 * @param decision    the last judgement's decision; null if never judged
 * @param gates       the last judgement's gates, each with this phase's label as its scope
 * @param reasons     the last judgement's reasons
 * @param requests    requests of the schedule routed in it
 * @param baseline    the baseline's outcomes; {@code scheduled} is what was routed to it
 * @param candidate   the candidate's outcomes
 */
public record StageResult(int index, int stage, String name, boolean shadow, double weight, long holdMillis,
                          long startMillis, long endMillis, StageOutcome outcome, int extensions, int looks,
                          Decision decision, List<GateResult> gates, List<String> reasons, long requests,
                          OutcomeCounts baseline, OutcomeCounts candidate) {

    /** How the phase is named in reasons and reports. */
    public String label() {
        return shadow ? "shadow phase" : "stage " + stage + " (" + name + ")";
    }

    /** Whether every request routed in it has exactly one outcome at its target. */
    public boolean addsUp() {
        return baseline.addsUp() && candidate.addsUp();
    }
}
