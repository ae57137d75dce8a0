package io.shadowgate.scenario;

/**
 * A latency percentile gate. Either bound may be null; at least one is set.
 *
 * @param maxIncrease largest allowed relative increase over the baseline (0.10 = 10 %)
 * @param maxMs       absolute budget for the candidate, in milliseconds
 */
public record LatencyGate(Double maxIncrease, Double maxMs) {
}
