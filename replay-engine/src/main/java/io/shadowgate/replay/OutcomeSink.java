package io.shadowgate.replay;

/**
 * Receives every outcome of a run. Called concurrently from the client's event-loop threads,
 * so implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface OutcomeSink {

    void accept(Outcome outcome);
}
