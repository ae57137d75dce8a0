package io.shadowgate.sim;

/**
 * The instant that fault times ({@code at}) count from. It starts as the server's start and
 * is moved to the replay's start by {@link SimulatedServer#anchorFaults(long)}, so that
 * {@code at: 10s} in a scenario means ten seconds into the traffic, however long the setup
 * took. Written by one thread, read by the event loops.
 */
final class FaultClock {

    private volatile long originNanos;

    FaultClock(long originNanos) {
        this.originNanos = originNanos;
    }

    long originNanos() {
        return originNanos;
    }

    void anchor(long originNanos) {
        this.originNanos = originNanos;
    }
}
