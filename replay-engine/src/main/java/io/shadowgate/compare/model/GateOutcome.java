package io.shadowgate.compare.model;

/** A model gate's answer; the judge maps it to GO, NO_GO and INCONCLUSIVE. */
public enum GateOutcome {
    /** Shown to be within the limit: the upper confidence bound is at or below it. */
    HOLDS,
    /** Shown to be over the limit: the lower confidence bound is above it. */
    BREACHED,
    /** The interval straddles the limit, or there is too little data. */
    UNDECIDED
}
