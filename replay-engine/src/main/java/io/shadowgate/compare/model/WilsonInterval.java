package io.shadowgate.compare.model;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Wilson's score interval (Wilson 1927, JASA 22:209) for a proportion, two-sided at
 * {@code confidence}; each bound alone is a one-sided bound at {@code (1 + confidence) / 2}.
 * Written on counts held as longs (commons-math's {@code WilsonScoreInterval} takes ints and
 * throws at 0 trials).
 *
 * @param lower      lower bound, in [0, 1]
 * @param upper      upper bound, in [0, 1]
 * @param confidence two-sided coverage
 */
public record WilsonInterval(double lower, double upper, double confidence) {

    /** The method's name, for reports. */
    public static final String METHOD = "Wilson score interval (Wilson 1927)";

    /**
     * The interval for {@code successes} of {@code trials}:
     * (x + z²/2 ∓ z·sqrt(x(n − x)/n + z²/4)) / (n + z²), z the normal quantile at (1 + confidence)/2.
     * With no trials nothing is known: [0, 1].
     */
    public static WilsonInterval of(long successes, long trials, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (was " + confidence + ")");
        }
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials (were " + successes + ", " + trials + ")");
        }
        if (trials == 0) {
            return new WilsonInterval(0, 1, confidence);
        }
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + confidence) / 2);
        double x = successes;
        double n = trials;
        double z2 = z * z;
        double centre = x + z2 / 2;
        double half = z * Math.sqrt(x * (n - x) / n + z2 / 4);
        double denominator = n + z2;
        return new WilsonInterval(Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator),
                confidence);
    }
}
