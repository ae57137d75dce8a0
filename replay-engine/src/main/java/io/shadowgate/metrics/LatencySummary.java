package io.shadowgate.metrics;

import java.util.List;

/**
 * A latency distribution reduced to what reports and gates read: count, mean, max and the
 * standard percentiles ({@link #PERCENTILES}), all in milliseconds.
 */
public record LatencySummary(long count, double meanMillis, double maxMillis, List<Percentile> percentiles) {

    /** The percentiles every summary carries, in order. */
    public static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, List.of());

    /** The value at {@code percentile}, or NaN if the summary does not carry it. */
    public double at(double percentile) {
        for (Percentile p : percentiles) {
            if (p.percentile() == percentile) {
                return p.millis();
            }
        }
        return Double.NaN;
    }
}
