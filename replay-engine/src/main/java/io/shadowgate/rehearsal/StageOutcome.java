package io.shadowgate.rehearsal;

/** How a phase of a rollout ended. */
public enum StageOutcome {
    /** Its gates were shown to hold: the shift moved on (or, for the last, completed). */
    PROMOTED,
    /** A gate was shown breached, or it stayed inconclusive past its extensions: traffic went back. */
    ABORTED,
    /** The traffic ended, or the run was interrupted, before it was decided. */
    INCOMPLETE,
    /** The shift never got there. */
    NOT_REACHED
}
