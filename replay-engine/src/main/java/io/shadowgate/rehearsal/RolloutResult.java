package io.shadowgate.rehearsal;

import java.util.List;

/**
 * A staged rollout as it happened: each phase, every event, and for an abort how fast the
 * problem was detected and the traffic sent back.
 *
 * @param outcome            how it ended
 * @param stages             every phase in order, reached or not
 * @param timeline           every event in time order
 * @param onsetMillis        when the problem began: the first fault at the candidate before the
 *                           abort, else the aborted phase's start; null unless aborted
 * @param onset              what {@code onsetMillis} is, in words
 * @param detectedMillis     when the abort was decided; null unless aborted
 * @param revertedMillis     when the candidate's last request in flight ended after the abort;
 *                           null unless aborted (or if it never drained)
 * @param timeToDetectMillis {@code detectedMillis - onsetMillis}; null unless aborted
 * @param timeToRevertMillis {@code revertedMillis - detectedMillis}; null unless reverted
 * @param afterRequests      requests of the schedule routed after the rollout ended (all to the
 *                           baseline after an abort), with their own accounts
 * @param unread             requests the stopped schedule never read, accounted as not sent
 */
public record RolloutResult(Outcome outcome, List<StageResult> stages, List<TimelineEvent> timeline,
                            Long onsetMillis, String onset, Long detectedMillis, Long revertedMillis,
                            Long timeToDetectMillis, Long timeToRevertMillis, long afterRequests, long unread) {

    /** How a rollout ended. */
    public enum Outcome {
        /** Every phase was promoted. */
        COMPLETED,
        /** A phase was aborted and the traffic went back to the baseline. */
        ABORTED,
        /** The traffic ended, or the run was interrupted, before the rollout was decided. */
        INCOMPLETE
    }
}
