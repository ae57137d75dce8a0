package io.shadowgate.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided Wilcoxon rank-sum (Mann–Whitney U) test of a candidate sample against a
 * baseline sample, with the Hodges–Lehmann estimate of the shift (candidate − baseline) and
 * its confidence interval by test inversion; stateless and safe to call from any thread.
 *
 * <p>It computes what R's {@code wilcox.test(candidate, baseline, conf.int = TRUE,
 * conf.level = C, exact = FALSE, correct = TRUE)} computes (R 4.2 source,
 * {@code stats:::wilcox.test.default}), which is also what Kayenta's {@code MannWhitney}
 * ports: the normal approximation with the tie correction in the variance and the continuity
 * correction in z, for the p-value and for every shift tried when inverting the test.
 * Commons Math's {@code MannWhitneyUTest} has neither correction, so it cannot stand in.
 *
 * <p>Where R searches for the interval ends with {@code uniroot} to {@code tol.root} (1e-4 by
 * default; Kayenta's Brent solver has its own tolerance), this class returns the exact ends
 * that the search converges to. Between two consecutive pairwise differences the corrected z
 * statistic of the shifted samples is constant and it only falls as the shift grows, so the
 * root R looks for is the pairwise difference where z crosses the normal quantile: the
 * {@code c}-th largest difference for the lower end and the {@code c}-th smallest for the
 * upper one, with {@code c} the smallest count of differences above the shift for which the
 * corrected z exceeds the quantile. That {@code c} comes from arithmetic on counts; the two
 * differences from {@link MannWhitneyDifferences}, in O(n + m) memory. The ends therefore
 * agree with R's to R's {@code tol.root}, and to 1e-12 with {@code tol.root = 1e-12}.
 *
 * <p>R's estimate in this mode is a root of the uncorrected z statistic: the Hodges–Lehmann
 * median when n·m is odd, and some point between the two middle differences when it is even.
 * This class always returns the Hodges–Lehmann median itself (the mean of the two middle
 * differences when n·m is even), which is what the estimate is meant to be.
 *
 * <p>NaN values are removed first. Infinite values are rejected: they have no finite shift.
 * Where R stops with an error (every value of both samples tied, so z is 0/0 at the ends),
 * this class returns the only shift there is, with a p-value of 1 when nothing differs.
 */
public final class MannWhitney {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

    private MannWhitney() {
    }

    /**
     * Tests the candidate against the baseline.
     *
     * @param baseline the reference sample; NaN values are ignored
     * @param candidate the sample under test; NaN values are ignored
     * @param confidence the interval's confidence level, strictly between 0 and 1
     * @throws IllegalArgumentException when a sample has no values left, holds an infinite
     *     value, or the confidence is out of range
     */
    public static MannWhitneyResult test(double[] baseline, double[] candidate, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        double[] x = sortedWithoutNaN(candidate, "candidate");
        double[] y = sortedWithoutNaN(baseline, "baseline");
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value that is not NaN (candidate "
                    + x.length + ", baseline " + y.length + ")");
        }
        Counts counts = Counts.of(x, y);
        double size = (double) x.length * y.length;
        double z = corrected(counts.u - size / 2, sigma(x.length, y.length, counts.tiesAcross));
        double pValue = Double.isNaN(z) ? 1.0 : 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));

        MannWhitneyDifferences differences = new MannWhitneyDifferences(x, y);
        double quantile = -STANDARD_NORMAL.inverseCumulativeProbability((1 - confidence) / 2);
        long c = crossing(differences.size(), sigma(x.length, y.length, counts.tiesWithin), quantile);
        long nm = differences.size();
        double lower = c <= nm ? differences.kth(nm - c + 1) : differences.kth(1);
        double upper = c <= nm ? differences.kth(c) : differences.kth(nm);
        return new MannWhitneyResult(x.length, y.length, counts.u, z, pValue, differences.median(), lower, upper,
                confidence);
    }

    /** The values that are not NaN, ascending; used by the classifier too, so both see the same data. */
    static double[] sortedWithoutNaN(double[] values, String name) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        for (double v : kept) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " holds an infinite value (" + v + ")");
            }
        }
        Arrays.sort(kept);
        return kept;
    }

    /**
     * R's SIGMA: the standard deviation of U under "no shift", less the tie correction, with
     * the same grouping of operations as R so that p-values agree to the last digits.
     */
    private static double sigma(long nx, long ny, double tieSum) {
        double n = nx + ny;
        return Math.sqrt((nx * (double) ny / 12) * ((n + 1) - tieSum / (n * (n - 1))));
    }

    /** (U − nm/2) moved half a step toward 0, over sigma: R's continuity-corrected z. */
    private static double corrected(double centred, double sigma) {
        return (centred - Math.signum(centred) * 0.5) / sigma;
    }

    /**
     * The smallest count c (0..nm) of differences above the shift for which the corrected z
     * exceeds the quantile, or nm + 1 if none does. Away from the differences themselves no
     * value of x − d ties with one of y, so only the ties within each sample count there.
     */
    private static long crossing(long nm, double sigma, double quantile) {
        double half = nm / 2.0;
        long c = (long) Math.max(0, Math.min(nm + 1, Math.floor(half + 0.5 + quantile * sigma)));
        while (c <= nm && !(corrected(c - half, sigma) > quantile)) {
            c++;
        }
        while (c > 0 && corrected(c - 1 - half, sigma) > quantile) {
            c--;
        }
        return c;
    }

    /**
     * U and the tie sums Σ(t³ − t) of the unshifted samples, from one merge of the sorted
     * arrays: the same numbers as R's rank sum and {@code table(r)}, without building ranks.
     */
    private record Counts(double u, double tiesAcross, double tiesWithin) {

        static Counts of(double[] x, double[] y) {
            double u = 0;
            double across = 0;
            double within = 0;
            long yBelow = 0;
            int i = 0;
            int j = 0;
            while (i < x.length || j < y.length) {
                double v = i == x.length ? y[j] : j == y.length ? x[i] : Math.min(x[i], y[j]);
                long a = 0;
                while (i < x.length && x[i] == v) {
                    a++;
                    i++;
                }
                long b = 0;
                while (j < y.length && y[j] == v) {
                    b++;
                    j++;
                }
                u += a * (yBelow + 0.5 * b);
                across += cubeLess(a + b);
                within += cubeLess(a) + cubeLess(b);
                yBelow += b;
            }
            return new Counts(u, across, within);
        }

        private static double cubeLess(long t) {
            double d = t;
            return d * d * d - d;
        }
    }
}
