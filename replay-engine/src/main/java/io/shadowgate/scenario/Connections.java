package io.shadowgate.scenario;

/**
 * Client connection limits.
 *
 * @param maxPerTarget most keep-alive connections open to one target at once; requests
 *                     beyond that wait for a free connection (their latency still counts
 *                     from the intended send instant)
 * @param warmup       connections opened to each target before the schedule starts, so the
 *                     first requests do not pay for the TCP handshake
 * @param eventLoops   client event-loop threads, each owning a share of every target's
 *                     connections; {@link #AUTOMATIC_EVENT_LOOPS} lets the replayer choose
 */
public record Connections(int maxPerTarget, int warmup, int eventLoops) {

    public static final int AUTOMATIC_EVENT_LOOPS = 0;
    public static final Connections DEFAULT = new Connections(256, 16, AUTOMATIC_EVENT_LOOPS);

    /** Limits with the event loops left to the replayer. */
    public Connections(int maxPerTarget, int warmup) {
        this(maxPerTarget, warmup, AUTOMATIC_EVENT_LOOPS);
    }
}
