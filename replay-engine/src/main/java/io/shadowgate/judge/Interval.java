package io.shadowgate.judge;

/**
 * A confidence interval for a gate's estimate.
 *
 * @param lower      lower bound
 * @param upper      upper bound
 * @param confidence coverage, e.g. 0.99
 * @param method     how it was computed, e.g. "Newcombe hybrid score"
 */
public record Interval(double lower, double upper, double confidence, String method) {
}
