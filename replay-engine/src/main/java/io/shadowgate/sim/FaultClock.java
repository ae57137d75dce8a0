package io.shadowgate.sim;

/**
 * The instant that fault times ({@code at}) count from. For a simulated server it starts as
 * the server's start and is moved to the replay's start by
 * {@link SimulatedServer#anchorFaults(long)}, so that {@code at: 10s} in a scenario means ten
 * seconds into the traffic, however long the setup took; the {@link FaultProxy} sets it once,
 * when it starts listening or to the instant it was asked for. Written by one thread, read by
 * the event loops.
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
