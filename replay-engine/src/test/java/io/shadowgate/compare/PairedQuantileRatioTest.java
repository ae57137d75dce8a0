package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class PairedQuantileRatioTest {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** Log-normal latencies (median 10 ms) for n requests, with candidate/baseline pairs correlated by rho and the
     *  candidate's whole distribution scaled by {@code ratio}: so the true ratio of any percentile is exactly ratio. */
    private static double[][] pairs(int n, double rho, double ratio, SplittableRandom random) {
        double[] b = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double z = NORMAL.inverseCumulativeProbability(random.nextDouble());
            double w = NORMAL.inverseCumulativeProbability(random.nextDouble());
            b[i] = 10_000 * Math.exp(0.5 * z);
            c[i] = ratio * 10_000 * Math.exp(0.5 * (rho * z + Math.sqrt(1 - rho * rho) * w));
        }
        return new double[][] {b, c};
    }

    @Test
    void identicalPairsHaveARatioOfOneAndNoUncertainty() {
        double[][] p = pairs(1000, 1.0, 1.0, new SplittableRandom(1));
        QuantileRatio r = PairedQuantileRatio.estimate(p[0], p[0].clone(), 99, 200, 1);

        assertThat(r.estimate()).isEqualTo(1.0);
        assertThat(r.logSe()).isEqualTo(0.0);
        assertThat(r.upper(0.99)).isEqualTo(1.0);
    }

    @Test
    void aScaledCandidateIsMeasuredAsTheScale() {
        double[][] p = pairs(5000, 1.0, 1.25, new SplittableRandom(2));
        QuantileRatio r = PairedQuantileRatio.estimate(p[0], p[1], 90, 200, 2);

        assertThat(r.estimate()).isCloseTo(1.25, within(1e-9));
        assertThat(r.lower(0.99)).isCloseTo(1.25, within(1e-6));
    }

    @Test
    void theSameDataAndSeedGiveTheSameBounds() {
        double[][] p = pairs(2000, 0.8, 1.0, new SplittableRandom(3));
        QuantileRatio a = PairedQuantileRatio.estimate(p[0], p[1], 99, 300, 7);
        QuantileRatio b = PairedQuantileRatio.estimate(p[0], p[1], 99, 300, 7);

        assertThat(a).isEqualTo(b);
    }

    /**
     * Calibration in miniature: with the candidate truly 10 % slower at every percentile, the
     * one-sided 90 % upper bound must cover 1.10 in about 90 % of experiments (200 experiments:
     * a binomial standard error of 2.1 points).
     */
    @Test
    void theUpperBoundCoversTheTrueRatioAsOftenAsItsConfidenceSays() {
        SplittableRandom random = new SplittableRandom(11);
        int covered = 0;
        int experiments = 200;
        for (int e = 0; e < experiments; e++) {
            double[][] p = pairs(2000, 0.7, 1.10, random);
            if (PairedQuantileRatio.estimate(p[0], p[1], 90, 200, e).upper(0.90) >= 1.10) {
                covered++;
            }
        }
        assertThat(covered / (double) experiments).isBetween(0.84, 0.96);
    }

    /** Pairing buys power: correlated pairs give a narrower interval than the same marginals unpaired. */
    @Test
    void pairingNarrowsTheInterval() {
        double[][] correlated = pairs(5000, 0.9, 1.0, new SplittableRandom(5));
        double[][] independent = pairs(5000, 0.0, 1.0, new SplittableRandom(5));

        double pairedSe = PairedQuantileRatio.estimate(correlated[0], correlated[1], 50, 300, 1).logSe();
        double unpairedSe = PairedQuantileRatio.estimate(independent[0], independent[1], 50, 300, 1).logSe();
        assertThat(pairedSe).isLessThan(unpairedSe * 0.6);
    }
}
