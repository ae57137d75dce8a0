package io.shadowgate.compare;

import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Distribution-free one-sided bounds on one latency percentile, from order statistics: the
 * number of samples below the true q-quantile is Binomial(n, q), so a sample of the right rank
 * bounds it with known confidence whatever the distribution (e.g. Hahn and Meeker,
 * Statistical Intervals, ch. 5). Works on a histogram, so its cost does not grow with n.
 * Stateless.
 */
public final class QuantileBounds {

    private QuantileBounds() {
    }

    /**
     * @param estimate the sample percentile, ms
     * @param n        samples
     */
    public record Result(double estimate, long n, Histogram histogram, double percentile) {

        /** One-sided upper bound at {@code confidence}, ms; +∞ when n is too small for it. */
        public double upper(double confidence) {
            // Smallest rank k with P(Binomial(n, q) <= k - 1) >= confidence: X(k) >= the quantile with that confidence.
            int k = new BinomialDistribution(null, (int) Math.min(n, Integer.MAX_VALUE), percentile / 100.0)
                    .inverseCumulativeProbability(confidence) + 1;
            return k > n ? Double.POSITIVE_INFINITY : atRank(k);
        }

        /** One-sided lower bound at {@code confidence}, ms; 0 when n is too small for it. */
        public double lower(double confidence) {
            // Largest rank k with P(Binomial(n, q) >= k) >= confidence: X(k) <= the quantile with that confidence.
            int k = new BinomialDistribution(null, (int) Math.min(n, Integer.MAX_VALUE), percentile / 100.0)
                    .inverseCumulativeProbability(1 - confidence);
            return k < 1 ? 0 : atRank(k);
        }

        private double atRank(long k) {
            return histogram.getValueAtPercentile(100.0 * (k - 0.5) / n) / 1_000.0;
        }
    }

    /** Bounds on the {@code percentile} of a histogram of microseconds. */
    public static Result of(Histogram histogram, double percentile) {
        long n = histogram.getTotalCount();
        double estimate = n == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
        return new Result(estimate, n, histogram, percentile);
    }
}
