package io.shadowgate.replay;

/** How one scheduled request ended at one target. Exactly one per request and target. */
public enum OutcomeKind {
    /** A complete HTTP response arrived (any status). */
    RESPONSE,
    /** No complete response within the request timeout, counted from the intended send. */
    TIMEOUT,
    /** The connection could not be opened, or closed before the response was complete. */
    CONNECTION_ERROR,
    /** Never sent, because the run was stopped first. */
    NOT_SENT
}
