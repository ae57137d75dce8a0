package io.shadowgate.metrics;

/**
 * One interval of a target's time series.
 *
 * @param startMillis interval start, from the run start
 * @param endMillis   interval end, from the run start
 * @param responses   responses completed in the interval
 * @param errors      errors (5xx, timeouts, connection errors) in the interval
 * @param p50Millis   median latency from intended start, NaN when no responses
 * @param p99Millis   99th percentile latency from intended start, NaN when no responses
 */
public record IntervalPoint(long startMillis, long endMillis, long responses, long errors, double p50Millis, double p99Millis) {
}
