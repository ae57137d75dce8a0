package io.shadowgate.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The n·m pairwise differences {@code x[i] - y[j]} of two sorted samples, ranked without ever
 * being stored: only order statistics are asked for, and each costs O(n + m) memory.
 *
 * <p>The differences form a matrix sorted along both axes (rows by ascending x, columns by
 * descending y), so the number of differences below any value can be counted with one
 * staircase walk in O(n + m). {@link #kth} is Monahan's randomized selection over that
 * matrix (ACM Algorithm 616, the one used for the Hodges–Lehmann estimator): each row keeps
 * the column range still in play, a pivot drawn uniformly from what is left splits it, and
 * the side that cannot hold the answer is dropped; after an expected O(log(n·m)) rounds the
 * few differences left are gathered and sorted. The pivot stream has a fixed seed, though the
 * answer does not depend on it.
 *
 * <p>A difference is always computed as the double {@code x[i] - y[j]}, as R's
 * {@code outer(x, y, "-")} does; IEEE subtraction is monotone, so the computed matrix stays
 * sorted and counts are exact. Not thread-safe: one instance per computation.
 */
final class MannWhitneyDifferences {

    private static final long SEED = 0x5EEDL;

    private final double[] x;
    private final double[] y;
    private final int n;
    private final int m;

    /** Both arrays ascending, non-empty, free of NaN; they are not copied and must not change. */
    MannWhitneyDifferences(double[] xAscending, double[] yAscending) {
        this.x = xAscending;
        this.y = yAscending;
        this.n = xAscending.length;
        this.m = yAscending.length;
    }

    /** How many differences there are: n·m, which can exceed an int. */
    long size() {
        return (long) n * m;
    }

    /** The k-th smallest difference, k from 1 to {@link #size()}; ties are counted with multiplicity. */
    double kth(long k) {
        if (k < 1 || k > size()) {
            throw new IllegalArgumentException("k must be between 1 and " + size() + ", was " + k);
        }
        // Row i covers columns [lo[i], hi[i]); column c of row i is x[i] - y[m - 1 - c], ascending in c.
        int[] lo = new int[n];
        int[] hi = new int[n];
        Arrays.fill(hi, m);
        int[] less = new int[n];
        int[] notMore = new int[n];
        long gatherLimit = Math.max(4L * (n + m), 4096L);
        SplittableRandom random = new SplittableRandom(SEED);
        long dropped = 0;
        long left = size();
        while (left > gatherLimit) {
            double pivot = candidate(lo, hi, random.nextLong(left));
            long below = countBelow(pivot, true, less);
            long atMost = countBelow(pivot, false, notMore);
            if (k <= below) {
                // The answer is smaller than the pivot: every difference >= pivot is out.
                for (int i = 0; i < n; i++) {
                    hi[i] = Math.min(hi[i], less[i]);
                }
            } else if (k > atMost) {
                // The answer is larger than the pivot: every difference <= pivot is out.
                for (int i = 0; i < n; i++) {
                    lo[i] = Math.max(lo[i], notMore[i]);
                }
            } else {
                return pivot;
            }
            dropped = 0;
            left = 0;
            for (int i = 0; i < n; i++) {
                dropped += lo[i];
                left += hi[i] - lo[i];
            }
        }
        double[] rest = new double[(int) left];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int c = lo[i]; c < hi[i]; c++) {
                rest[at++] = x[i] - y[m - 1 - c];
            }
        }
        Arrays.sort(rest);
        return rest[(int) (k - dropped - 1)];
    }

    /** The median of the differences: the middle one, or the mean of the two middle ones. */
    double median() {
        long size = size();
        if (size % 2 == 1) {
            return kth((size + 1) / 2);
        }
        return (kth(size / 2) + kth(size / 2 + 1)) / 2;
    }

    /** The r-th difference still in play, counting row by row (r from 0). */
    private double candidate(int[] lo, int[] hi, long r) {
        for (int i = 0; i < n; i++) {
            int width = hi[i] - lo[i];
            if (r < width) {
                return x[i] - y[m - 1 - (lo[i] + (int) r)];
            }
            r -= width;
        }
        throw new IllegalStateException("no difference left at " + r);
    }

    /**
     * Counts, per row, the differences below {@code value} (strictly, or at most equal), and
     * returns the total. In row i they are those with y[j] above a threshold: a suffix of y
     * whose start only moves right as x[i] grows, hence one pass.
     */
    private long countBelow(double value, boolean strict, int[] perRow) {
        long total = 0;
        int start = 0;
        for (int i = 0; i < n; i++) {
            while (start < m && !(strict ? x[i] - y[start] < value : x[i] - y[start] <= value)) {
                start++;
            }
            perRow[i] = m - start;
            total += m - start;
        }
        return total;
    }
}
