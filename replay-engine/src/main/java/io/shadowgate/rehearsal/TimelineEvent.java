package io.shadowgate.rehearsal;

/**
 * Something that happened during a rollout, at a time from the schedule's start.
 *
 * @param atMillis when, from the schedule's start
 * @param kind     what
 * @param subject  what it happened to: a phase's label, or the target a fault hit
 * @param detail   one line for people
 */
public record TimelineEvent(long atMillis, Kind kind, String subject, String detail) {

    /** Kinds of event. */
    public enum Kind {
        STAGE_STARTED,
        /** A look judged the current phase without deciding it. */
        LOOK,
        EXTENDED,
        PROMOTED,
        ABORTED,
        /** The candidate's last request in flight ended after an abort: the revert is complete. */
        REVERTED,
        COMPLETED,
        FAULT_STARTED,
        FAULT_ENDED,
        /** The schedule ran out of traffic, or was stopped, before the rollout ended. */
        TRAFFIC_ENDED
    }
}
