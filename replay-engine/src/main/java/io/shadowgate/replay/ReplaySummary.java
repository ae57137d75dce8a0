package io.shadowgate.replay;

/**
 * What the replayer did with a stream.
 *
 * @param scheduled  requests read from the stream (each has one outcome per target); when
 *                   stopped, the stream may hold more, which the caller accounts as not sent
 * @param dispatched requests handed to the targets; the rest ended as not sent
 * @param stopped    true when the run was stopped before the stream ended
 * @param elapsedNanos from the schedule's start to the last outcome
 */
public record ReplaySummary(long scheduled, long dispatched, boolean stopped, long elapsedNanos) {
}
