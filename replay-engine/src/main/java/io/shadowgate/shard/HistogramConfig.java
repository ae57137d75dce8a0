package io.shadowgate.shard;

import io.shadowgate.metrics.Histograms;
import org.HdrHistogram.Histogram;

/**
 * The one histogram configuration a shard result's histograms have, stated in the file so a
 * merge can check that they add exactly.
 *
 * @param unit               what the values count
 * @param lowest             lowest discernible value
 * @param highest            highest trackable value
 * @param significantDigits  significant value digits
 * @param encoding           how each histogram is stored
 */
public record HistogramConfig(String unit, long lowest, long highest, int significantDigits, String encoding) {

    public static final String ENCODING = "HdrHistogram compressed, base64";

    /** Shadowgate's one configuration ({@link Histograms}). */
    public static final HistogramConfig CURRENT = new HistogramConfig("microseconds", 1, Histograms.HIGHEST_MICROS,
            Histograms.SIGNIFICANT_DIGITS, ENCODING);

    /** Whether {@code h} has this configuration. */
    boolean fits(Histogram h) {
        return h.getLowestDiscernibleValue() == lowest && h.getHighestTrackableValue() == highest
                && h.getNumberOfSignificantValueDigits() == significantDigits;
    }
}
