package io.shadowgate.bench;

import java.util.Arrays;

/** The median the harnesses' tables show. Stateless. */
final class Medians {

    private Medians() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when there are none. */
    static double of(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
