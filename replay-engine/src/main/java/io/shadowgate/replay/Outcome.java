package io.shadowgate.replay;

/**
 * How one request ended at one target. Times are {@link System#nanoTime()}-based nanoseconds
 * from the run's start, so every target is measured with the same clock.
 *
 * @param requestId     the request's id in the traffic stream
 * @param target        target role, e.g. {@code baseline}
 * @param endpoint      endpoint name
 * @param kind          how it ended
 * @param status        HTTP status for {@link OutcomeKind#RESPONSE}, else 0
 * @param intendedNanos when the schedule said to send it
 * @param sentNanos     when it was written to a connection, or -1 if it never was
 * @param endNanos      when it ended (response complete, timeout fired, error seen)
 * @param response      response headers and body, or {@link ResponseContent#NONE}; only kept when a
 *                      consumer asked (see {@link ReplayOptions#keepBodies()})
 * @param statedNanos   the latency a simulated target stated for this response in the
 *                      deterministic-latency mode ({@link ReplayOptions#statedLatency()}), or -1: when
 *                      set, it is this outcome's latency and service time instead of the clock's
 */
public record Outcome(
        long requestId,
        String target,
        String endpoint,
        OutcomeKind kind,
        int status,
        long intendedNanos,
        long sentNanos,
        long endNanos,
        ResponseContent response,
        long statedNanos) {

    /** An outcome measured by the clock (no stated latency): every outcome outside the deterministic-latency mode. */
    public Outcome(long requestId, String target, String endpoint, OutcomeKind kind, int status, long intendedNanos,
                   long sentNanos, long endNanos, ResponseContent response) {
        this(requestId, target, endpoint, kind, status, intendedNanos, sentNanos, endNanos, response, -1);
    }

    public boolean wasSent() {
        return sentNanos >= 0;
    }

    /** What the user would have waited: from the intended send to the end (no coordinated omission). */
    public long latencyNanos() {
        return statedNanos >= 0 ? statedNanos : endNanos - intendedNanos;
    }

    /** What the server took once the request was on the wire; only meaningful if {@link #wasSent()}. */
    public long serviceNanos() {
        return statedNanos >= 0 ? statedNanos : endNanos - sentNanos;
    }

    /** How late the send was against the schedule, by the clock in every mode; only meaningful if {@link #wasSent()}. */
    public long latenessNanos() {
        return sentNanos - intendedNanos;
    }

    /**
     * Whether the user waited through it: a response, or a timeout, which counts as a latency
     * censored at the time waited, so a candidate that times out can never pass a percentile
     * gate by leaving its tail out.
     */
    public boolean countsAsLatency() {
        return kind == OutcomeKind.RESPONSE || kind == OutcomeKind.TIMEOUT;
    }

    /** 5xx, timeouts and connection errors count as errors; {@code NOT_SENT} is not judged. */
    public boolean isError() {
        return switch (kind) {
            case RESPONSE -> status >= 500;
            case TIMEOUT, CONNECTION_ERROR -> true;
            case NOT_SENT -> false;
        };
    }
}
