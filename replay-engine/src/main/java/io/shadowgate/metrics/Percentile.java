package io.shadowgate.metrics;

/** One percentile of a latency distribution: {@code percentile} in 0..100, value in ms. */
public record Percentile(double percentile, double millis) {
}
