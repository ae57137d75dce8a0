package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

class PairedQuantileRatioTest {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** Log-normal latencies (median 10 ms) for n requests, with candidate/baseline pairs correlated by rho and the
     *  candidate's whole distribution scaled by {@code ratio}: so the true ratio of any percentile is exactly ratio. */
    static double[][] pairs(int n, double rho, double ratio, SplittableRandom random) {
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

    /**
     * The bootstrap computes exactly what it did when it drew every weight from the generator
     * and scanned every pair in sorted order ({@link #fullScan}): the same estimate and the
     * same standard error to the last bit, so verdicts, intervals and stored reports do not
     * change. Sizes from one pair to more than the run's reservoir; percentiles from the 0.1st
     * to the 99.99th; continuous values, heavy ties and a single value repeated.
     */
    @Test
    void theBootstrapIsBitForBitTheFullScan() {
        SplittableRandom random = new SplittableRandom(21);
        for (int n : new int[] {1, 2, 3, 17, 500, 5_000, 120_000}) {
            int replicates = n > 10_000 ? 10 : 100;
            double[][] continuous = pairs(n, 0.6, 1.05, random);
            double[][] ties = {rounded(continuous[0], 2_000), rounded(continuous[1], 2_000)};
            double[][] constant = {filled(n, 7_000), filled(n, 7_000)};
            for (double[][] data : new double[][][] {continuous, ties, constant}) {
                for (double p : new double[] {0.1, 1, 50, 90, 99, 99.9, 99.99}) {
                    long seed = random.nextLong();
                    assertThat(PairedQuantileRatio.estimate(data[0], data[1], p, replicates, seed))
                            .as("n %d, p%s, seed %d", n, p, seed)
                            .isEqualTo(fullScan(data[0], data[1], p, replicates, seed));
                }
            }
        }
    }

    /**
     * Several percentiles from one bootstrap: each is what it is alone. Nine percentiles, so
     * more sets beyond their windows are large than one pass can mark, and some are summed by index.
     */
    @Test
    void percentilesTogetherAreEachWhatTheyAreAlone() {
        double[][] p = pairs(20_000, 0.5, 1.02, new SplittableRandom(4));
        double[] percentiles = {50, 90, 99, 99.9, 10, 25, 40, 60, 75};

        List<QuantileRatio> together = PairedQuantileRatio.estimate(p[0], p[1], percentiles, 200, 9);

        for (int i = 0; i < percentiles.length; i++) {
            assertThat(together.get(i)).isEqualTo(PairedQuantileRatio.estimate(p[0], p[1], percentiles[i], 200, 9));
        }
    }

    static double[] rounded(double[] values, double step) {
        return Arrays.stream(values).map(v -> step * Math.max(1, Math.round(v / step))).toArray();
    }

    private static double[] filled(int n, double value) {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }

    /**
     * The bootstrap as first written, kept as the reference: each replicate draws every pair's
     * Poisson(1) weight from one generator, then walks each side in sorted order to the first
     * value where the running weight reaches q times the total.
     */
    static QuantileRatio fullScan(double[] baseline, double[] candidate, double percentile, int replicates, long seed) {
        int n = baseline.length;
        double q = percentile / 100.0;
        int[] byBaseline = order(baseline);
        int[] byCandidate = order(candidate);
        double b = baseline[byBaseline[PairedQuantileRatio.rank(n, q)]];
        double c = candidate[byCandidate[PairedQuantileRatio.rank(n, q)]];
        double[] cdf = new double[16];
        PoissonDistribution poisson = new PoissonDistribution(1.0);
        for (int k = 0; k < cdf.length; k++) {
            cdf[k] = poisson.cumulativeProbability(k);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] weights = new int[n];
        double sum = 0;
        double sumSquares = 0;
        for (int r = 0; r < replicates; r++) {
            long total = 0;
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                int k = 0;
                while (k < cdf.length - 1 && u > cdf[k]) {
                    k++;
                }
                weights[i] = k;
                total += k;
            }
            double x = Math.log(weightedQuantile(candidate, byCandidate, weights, total, q)
                    / weightedQuantile(baseline, byBaseline, weights, total, q));
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / replicates;
        double variance = Math.max(0, (sumSquares - replicates * mean * mean) / (replicates - 1));
        return new QuantileRatio(Math.exp(Math.log(c / b)), Math.sqrt(variance), c, b, n, "paired Poisson bootstrap");
    }

    private static double weightedQuantile(double[] values, int[] order, int[] weights, long total, double q) {
        double target = q * total;
        long cumulative = 0;
        for (int k : order) {
            cumulative += weights[k];
            if (cumulative >= target && cumulative > 0) {
                return values[k];
            }
        }
        return values[order[order.length - 1]];
    }

    private static int[] order(double[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (x, y) -> Double.compare(values[x], values[y]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
