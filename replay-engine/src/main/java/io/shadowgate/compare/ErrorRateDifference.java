package io.shadowgate.compare;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The difference of error rates, candidate minus baseline, with the interval the error-rate
 * gate decides on: the Newcombe hybrid score interval, or the exact unconditional interval
 * when the counts are too small for normal approximations.
 *
 * <p>Every interval here is two-sided at {@code confidence}; the judge's non-inferiority rule
 * (GO when upper <= margin, NO_GO when lower > margin) then tests each side at one-sided level
 * {@code (1 - confidence) / 2}. Stateless and thread-safe.
 */
public final class ErrorRateDifference {

    /**
     * The small-count rule: fewer than this many errors, or this many successes, on either side.
     * Newcombe's interval rests on normal approximations to each side's count (Wilson's score
     * intervals); with few errors the discreteness of the counts lets its actual coverage stray
     * from the nominal level, so there the exact test, which holds its level by construction,
     * decides. Ten observed is the usual rule of thumb: it keeps the expected counts at 5 or more
     * even if the observed rate overstates the true one.
     */
    public static final int SMALL_COUNT_THRESHOLD = 10;

    /** Largest trials per side for which {@link #estimate} inverts the exact test (about 3 s there). */
    public static final int EXACT_INTERVAL_MAX_TRIALS = 2_000;

    private ErrorRateDifference() {
    }

    /**
     * Newcombe's hybrid score interval (Newcombe 1998, Stat Med 17:873, method 10) for
     * {@code p_c - p_b}, two-sided at {@code confidence}.
     *
     * <p>With Wilson score intervals [l_c, u_c] and [l_b, u_b] at the same level:
     * lower = d - sqrt((p_c - l_c)^2 + (u_b - p_b)^2), upper = d + sqrt((u_c - p_c)^2 + (p_b - l_b)^2).
     * It stays inside [-1, 1] and is defined at 0/n and n/n. When a side has no trials the
     * answer is {@link DifferenceEstimate#noData}.
     */
    public static DifferenceEstimate newcombe(ErrorCount baseline, ErrorCount candidate, double confidence) {
        return newcombe(baseline.errors(), baseline.trials(), candidate.errors(), candidate.trials(), confidence);
    }

    /**
     * The interval to report: {@link ExactUnconditionalTest#interval} in the small-count regime
     * ({@link #isSmallCount}) when both sides have at most {@value #EXACT_INTERVAL_MAX_TRIALS}
     * trials (a few seconds at most), else {@link #newcombe}. Read
     * {@link DifferenceEstimate#method()} for which one.
     *
     * <p>To decide a gate with margin m at one-sided level alpha: in the small-count regime with
     * at most {@link ExactUnconditionalTest#MAX_TRIALS} trials per side, GO when
     * {@code ExactUnconditionalTest.nonInferiorityPValue(b, c, m) <= alpha} and NO_GO when
     * {@code overMarginPValue(b, c, m) <= alpha} (valid tests at m, where the exact interval's
     * bounds may not be, see {@link ExactUnconditionalTest#interval}); otherwise GO when
     * {@code newcombe(b, c, 1 - 2 alpha).upper() <= m}, NO_GO when its lower bound is {@code > m}.
     */
    public static DifferenceEstimate estimate(ErrorCount baseline, ErrorCount candidate, double confidence) {
        boolean exactAffordable = Math.max(baseline.trials(), candidate.trials()) <= EXACT_INTERVAL_MAX_TRIALS;
        if (isSmallCount(baseline, candidate) && exactAffordable
                && baseline.trials() > 0 && candidate.trials() > 0) {
            return ExactUnconditionalTest.interval(baseline, candidate, confidence);
        }
        return newcombe(baseline, candidate, confidence);
    }

    /**
     * True when either side has fewer than {@value #SMALL_COUNT_THRESHOLD} errors or fewer than
     * {@value #SMALL_COUNT_THRESHOLD} successes: then use the exact test.
     */
    public static boolean isSmallCount(ErrorCount baseline, ErrorCount candidate) {
        long least = Math.min(Math.min(baseline.errors(), baseline.successes()),
                Math.min(candidate.errors(), candidate.successes()));
        return least < SMALL_COUNT_THRESHOLD;
    }

    /**
     * The two-sided confidence whose bounds are one-sided tests at {@code alpha}: {@code 1 - 2 alpha}
     * (one-sided 0.01 gives 0.98).
     */
    public static double confidenceForOneSidedAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5) (was " + alpha + ")");
        }
        return 1 - 2 * alpha;
    }

    /**
     * Newcombe's interval on real-valued counts: the same formula, used by
     * {@link SampleSizeProjection} to ask what the interval would be with k times the data.
     */
    static DifferenceEstimate newcombe(double xb, double nb, double xc, double nc, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (was " + confidence + ")");
        }
        if (nb == 0 || nc == 0) {
            return DifferenceEstimate.noData(confidence);
        }
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double pb = xb / nb;
        double pc = xc / nc;
        double[] wb = wilson(xb, nb, z);
        double[] wc = wilson(xc, nc, z);
        double d = pc - pb;
        double lower = d - Math.hypot(pc - wc[0], wb[1] - pb);
        double upper = d + Math.hypot(wc[1] - pc, pb - wb[0]);
        // The formula keeps the bounds in [-1, 1]; the clamp only absorbs rounding at 0/n and n/n.
        return new DifferenceEstimate(d, Math.max(-1, Math.min(d, lower)), Math.min(1, Math.max(d, upper)),
                confidence, DifferenceEstimate.NEWCOMBE);
    }

    /**
     * Wilson's score interval (Wilson 1927, JASA 22:209) for x successes in n trials, written on
     * counts: (x + z^2/2 -+ z sqrt(x (n - x) / n + z^2/4)) / (n + z^2).
     */
    private static double[] wilson(double x, double n, double z) {
        double z2 = z * z;
        double centre = x + z2 / 2;
        double half = z * Math.sqrt(x * (n - x) / n + z2 / 4);
        double denominator = n + z2;
        return new double[] {Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator)};
    }
}
