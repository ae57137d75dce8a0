package io.shadowgate.replay;

/**
 * How one target's requests left the replayer: how many went on the wire, how many of those
 * first found every connection to the target busy and waited for one, and when the last went.
 *
 * @param sent          requests written to a connection
 * @param waited        of those, the ones that found no free connection when they were due
 * @param lastSentNanos when the last one was written, from the schedule's start; -1 if none was
 */
public record TargetSends(long sent, long waited, long lastSentNanos) {

    static final TargetSends NONE = new TargetSends(0, 0, -1);

    /** Both together, as one target's sends from two event loops. */
    TargetSends plus(TargetSends other) {
        return new TargetSends(sent + other.sent, waited + other.waited, Math.max(lastSentNanos, other.lastSentNanos));
    }
}
