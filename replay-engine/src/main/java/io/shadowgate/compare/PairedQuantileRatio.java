package io.shadowgate.compare;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * The candidate/baseline ratio of a latency percentile, with one-sided bounds that use the
 * pairing of shadow traffic (the same request measured at both targets at the same instant).
 *
 * <p>Method: the point estimate is the ratio of the two sample quantiles. Its uncertainty is
 * estimated by a paired Poisson bootstrap: each replicate gives every request pair one
 * Poisson(1) weight, shared by its baseline and candidate values, so whatever the two
 * latencies have in common (the request, the moment) moves together and cancels in the ratio.
 * The bootstrap standard error of log(ratio) then gives normal bounds on the log scale
 * (quantile estimators are asymptotically normal); a standard error needs a few hundred
 * replicates, where percentile bounds at a 0.1 % tail would need tens of thousands.
 * Cost: O(replicates × pairs), about 0.2 s for 400 replicates of 100,000 pairs. Stateless.
 */
public final class PairedQuantileRatio {

    public static final int DEFAULT_REPLICATES = 400;

    /** Poisson(1) by table lookup: P(K <= k) for k = 0..15 (the tail beyond is < 1e-13). */
    private static final double[] POISSON_ONE_CDF = poissonOneCdf();

    private PairedQuantileRatio() {
    }

    /**
     * @param baseline   baseline values of pairs 0..n-1
     * @param candidate  candidate values of the same pairs
     * @param percentile 0..100 exclusive
     * @param replicates bootstrap replicates
     * @param seed       seeds the bootstrap: the same data and seed give the same bounds
     */
    public static QuantileRatio estimate(double[] baseline, double[] candidate, double percentile, int replicates, long seed) {
        int n = baseline.length;
        if (n != candidate.length || n == 0) {
            throw new IllegalArgumentException("need the same, non-zero number of baseline and candidate values");
        }
        double q = percentile / 100.0;
        int[] byBaseline = order(baseline);
        int[] byCandidate = order(candidate);
        double b = baseline[byBaseline[rank(n, q)]];
        double c = candidate[byCandidate[rank(n, q)]];
        double logRatio = Math.log(c / b);
        SplittableRandom random = new SplittableRandom(seed);
        int[] weights = new int[n];
        double sum = 0;
        double sumSquares = 0;
        for (int r = 0; r < replicates; r++) {
            long total = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = poissonOne(random);
                total += weights[i];
            }
            double rb = weightedQuantile(baseline, byBaseline, weights, total, q);
            double rc = weightedQuantile(candidate, byCandidate, weights, total, q);
            double x = Math.log(rc / rb);
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / replicates;
        double variance = Math.max(0, (sumSquares - replicates * mean * mean) / (replicates - 1));
        return new QuantileRatio(Math.exp(logRatio), Math.sqrt(variance), c, b, n, "paired Poisson bootstrap");
    }

    /** The 0-based index of the q-quantile among n sorted values (type 1: the smallest with rank >= q·n). */
    static int rank(int n, double q) {
        // The epsilon keeps 0.999 × 100,000 from rounding up to 99,901.
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n - 1e-9) - 1));
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
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static int poissonOne(SplittableRandom random) {
        double u = random.nextDouble();
        int k = 0;
        while (k < POISSON_ONE_CDF.length - 1 && u > POISSON_ONE_CDF[k]) {
            k++;
        }
        return k;
    }

    private static double[] poissonOneCdf() {
        PoissonDistribution poisson = new PoissonDistribution(1.0);
        double[] cdf = new double[16];
        for (int k = 0; k < cdf.length; k++) {
            cdf[k] = poisson.cumulativeProbability(k);
        }
        return cdf;
    }

    public static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability(confidence);
    }
}
