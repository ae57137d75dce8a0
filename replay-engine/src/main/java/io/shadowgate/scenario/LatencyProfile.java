package io.shadowgate.scenario;

/**
 * A log-normal response time with an optional heavy tail: with probability
 * {@code tailProbability} a request takes {@code tailMs} times a log-normal factor instead.
 *
 * @param medianMs        median of the log-normal body, in milliseconds
 * @param sigma           shape of the log-normal body (0 gives a constant)
 * @param tailProbability fraction of requests drawn from the tail, 0..1
 * @param tailMs          median of the tail, in milliseconds
 */
public record LatencyProfile(double medianMs, double sigma, double tailProbability, double tailMs) {

    public static final LatencyProfile INSTANT = new LatencyProfile(0, 0, 0, 0);
}
