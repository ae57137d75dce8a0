package io.shadowgate.sim;

/**
 * What the scheduled faults do to one request, once its fractions are drawn. When several
 * hit the same request, a hang wins over a reset, and a reset over an error answer; added
 * latency and a slow body apply to whatever answer is given.
 *
 * @param hang         never answer
 * @param reset        reset the connection instead of answering
 * @param errorStatus  answer with this status instead, or 0
 * @param addedNanos   latency added to the request ({@code slow})
 * @param trickleNanos time the body takes to arrive after the headers ({@code slow-body}), or 0
 */
record FaultEffect(boolean hang, boolean reset, int errorStatus, long addedNanos, long trickleNanos) {

    static final FaultEffect NONE = new FaultEffect(false, false, 0, 0, 0);

    boolean injectsError() {
        return errorStatus != 0;
    }
}
