package io.shadowgate.scenario;

/** How each request is dispatched to the targets. */
public enum Mode {
    /** Every request goes to every target at the same intended instant; responses are paired. */
    SHADOW,
    /**
     * Each request goes to exactly one target, the candidate's share growing stage by stage
     * ({@link Rehearsal}); a stage whose gates are breached sends everything back to the baseline.
     */
    SPLIT
}
