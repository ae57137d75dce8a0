package io.shadowgate.metrics;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The one histogram configuration of Shadowgate: microseconds from 1 µs to one hour at three
 * significant digits (0.1 % resolution), so any two histograms can be added exactly.
 */
public final class Histograms {

    public static final long HIGHEST_MICROS = 3_600_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Records a duration, clamped into the trackable range so an outlier never throws; the caller guards the histogram. */
    public static void record(Histogram histogram, long nanos) {
        histogram.recordValue(clampedMicros(nanos));
    }

    private static long clampedMicros(long nanos) {
        long micros = nanos / 1_000;
        return micros < 1 ? 1 : Math.min(micros, HIGHEST_MICROS);
    }

    public static LatencySummary summarize(Histogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        List<Percentile> percentiles = new ArrayList<>(LatencySummary.PERCENTILES.length);
        for (double p : LatencySummary.PERCENTILES) {
            percentiles.add(new Percentile(p, millis(histogram, p)));
        }
        return new LatencySummary(count, histogram.getMean() / 1_000.0, histogram.getMaxValue() / 1_000.0,
                List.copyOf(percentiles));
    }

    /** The value at {@code percentile} in milliseconds, NaN for an empty histogram. */
    public static double millis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
