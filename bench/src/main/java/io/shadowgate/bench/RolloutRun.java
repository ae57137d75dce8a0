package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import java.util.List;

/**
 * How one simulated rollout ended. Immutable.
 *
 * @param decision          the run's verdict: GO (completed), NO_GO (aborted on a breach),
 *                          INCONCLUSIVE (abandoned, or the traffic ran out)
 * @param ending            how it ended
 * @param phase             the phase it ended in, from 0 (the last phase when it completed)
 * @param looks             looks taken until it ended, across phases, judged or not; the
 *                          rollout's time is looks × the look interval (plus, when the traffic
 *                          ran out, what came after the last look)
 * @param looksByPhase      looks taken in each phase it reached, in order (the last: the phase it ended in)
 * @param candidateRequests requests routed to the candidate until it ended
 * @param requests          requests routed in all until it ended
 * @param blocking          the gates that ended it: those shown breached when it was aborted, those
 *                          still inconclusive when it was abandoned or the traffic ran out; empty when it completed
 */
record RolloutRun(Decision decision, Ending ending, int phase, int looks, List<Integer> looksByPhase,
                  long candidateRequests, long requests, List<String> blocking) {

    /** How a rollout ended, as {@code Rollout} tells them apart. */
    enum Ending {
        /** Every phase promoted: GO. */
        COMPLETED,
        /** A gate shown breached, at a look or at the closing judgement: NO_GO. */
        ABORTED,
        /** Still inconclusive after its extensions: INCONCLUSIVE. */
        ABANDONED,
        /** The traffic ended before the phase was decided: INCONCLUSIVE. */
        RAN_OUT
    }

    RolloutRun {
        looksByPhase = List.copyOf(looksByPhase);
        blocking = List.copyOf(blocking);
    }

    /** Looks taken in the phase it ended in. */
    int phaseLooks() {
        return looksByPhase.get(phase);
    }
}
