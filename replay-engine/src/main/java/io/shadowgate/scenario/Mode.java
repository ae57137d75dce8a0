package io.shadowgate.scenario;

/** How each request is dispatched to the targets. */
public enum Mode {
    /** Every request goes to every target at the same intended instant; responses are paired. */
    SHADOW
}
