package io.shadowgate.compare;

import org.HdrHistogram.Histogram;

/**
 * The candidate/baseline ratio of a latency percentile when nothing pairs the two samples
 * (split traffic, or latencies exported from two fleets): each side's sample quantile has a
 * distribution-free interval from its order statistics ({@link QuantileBounds}); its width
 * estimates the quantile's standard error without assuming a shape, SE(log q) ≈ (log U − log L)
 * / (2 × 1.96) for the 95 % interval [L, U]; and since the sides are independent, the
 * variances of the two logarithms add. This is the method of Price and Bonett (2002,
 * "Distribution-free confidence intervals for difference and ratio of medians", J. Stat.
 * Comput. Simul. 72:119), applied to any quantile with enough samples beyond it.
 *
 * <p>Tighter than combining the two sides' one-sided bounds corner to corner (which is what a
 * Bonferroni split of the error over the two quantiles gives, and over-covers). Works on
 * histograms, so its cost does not grow with the number of samples. Stateless.
 */
public final class UnpairedQuantileRatio {

    /** The interval whose width gives each side's standard error. */
    private static final double SE_LEVEL = 0.975;

    private UnpairedQuantileRatio() {
    }

    /** The ratio of the {@code percentile} of two histograms of microseconds; both need samples. */
    public static QuantileRatio estimate(Histogram baseline, Histogram candidate, double percentile) {
        QuantileBounds.Result b = QuantileBounds.of(baseline, percentile);
        QuantileBounds.Result c = QuantileBounds.of(candidate, percentile);
        if (b.n() == 0 || c.n() == 0) {
            throw new IllegalArgumentException("both samples need values");
        }
        double seB = logSe(b);
        double seC = logSe(c);
        return new QuantileRatio(c.estimate() / b.estimate(), Math.sqrt(seB * seB + seC * seC), c.estimate(), b.estimate(),
                Math.min(b.n(), c.n()), "order-statistic standard errors (Price-Bonett)");
    }

    /** Standard error of log(quantile) from the width of its 95 % order-statistic interval. */
    static double logSe(QuantileBounds.Result side) {
        double upper = side.upper(SE_LEVEL);
        double lower = Math.max(side.lower(SE_LEVEL), 1e-3);
        if (!Double.isFinite(upper)) {
            return Double.POSITIVE_INFINITY;
        }
        return (Math.log(upper) - Math.log(lower)) / (2 * PairedQuantileRatio.z(SE_LEVEL));
    }
}
