package io.shadowgate.compare;

/**
 * A difference of error rates, candidate minus baseline, with a two-sided confidence interval.
 *
 * <p>{@code confidence} is the two-sided coverage: each bound alone is a one-sided bound at
 * level {@code (1 + confidence) / 2}. A non-inferiority rule at one-sided level alpha
 * ("upper bound <= margin") therefore needs {@code confidence = 1 - 2 * alpha}; see
 * {@link ErrorRateDifference#confidenceForOneSidedAlpha(double)}.
 *
 * @param estimate   point estimate {@code p_c - p_b}, or NaN when a side has no trials
 * @param lower      lower bound, in [-1, 1]
 * @param upper      upper bound, in [-1, 1]
 * @param confidence two-sided coverage, in (0, 1), e.g. 0.98
 * @param method     how the interval was computed, for reports: {@value #NEWCOMBE},
 *                   {@value #EXACT} or {@value #NO_DATA}
 */
public record DifferenceEstimate(double estimate, double lower, double upper, double confidence, String method) {

    /** Newcombe (1998) method 10: hybrid of two Wilson score intervals. */
    public static final String NEWCOMBE = "Newcombe hybrid score";
    /** Test inversion of the exact unconditional score test of Chan (1998). */
    public static final String EXACT = "exact unconditional (Chan)";
    /** A side had no trials: nothing is known, the interval is all of [-1, 1]. */
    public static final String NO_DATA = "no data";

    public DifferenceEstimate {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (was " + confidence + ")");
        }
        if (!(lower >= -1 && upper <= 1 && lower <= upper)) {
            throw new IllegalArgumentException(
                    "bounds must satisfy -1 <= lower <= upper <= 1 (were " + lower + ", " + upper + ")");
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must be named");
        }
    }

    /** The answer when a side has no trials: estimate NaN, interval [-1, 1]. */
    public static DifferenceEstimate noData(double confidence) {
        return new DifferenceEstimate(Double.NaN, -1, 1, confidence, NO_DATA);
    }

    /** False when a side had no trials; then only the bounds [-1, 1] mean anything. */
    public boolean hasData() {
        return !Double.isNaN(estimate);
    }

    /** Whether {@code value} lies in [lower, upper]. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
