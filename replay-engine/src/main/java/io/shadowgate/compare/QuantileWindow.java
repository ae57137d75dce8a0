package io.shadowgate.compare;

import java.util.Arrays;

/**
 * One side's values prepared for the paired bootstrap's weighted q-quantiles: sorted, with the
 * pairs whose values lie in a window around the sample quantile listed in ascending order, and
 * those beyond it on the window's thinner side listed by index. Immutable and thread-safe.
 *
 * <p>The weighted quantile of a replicate is the first value, in ascending order, at which the
 * running sum of the weights reaches q times their total. That value does not depend on how
 * ties are ordered, and everything below the window comes before it in any ascending order, so
 * the running sum where the window starts is a plain sum of weights: over the pairs beyond the
 * window when its thinner side is below, else the total less those and the window's. Only the
 * window is scanned in order. The crossing lies within a few standard deviations of
 * {@code sqrt(n q (1 - q))} pairs of the sample quantile, and the window spans
 * {@value #WINDOW_SDS} of them on each side; should a replicate's crossing lie outside all the
 * same, it is found by scanning every value ({@link #everything}), so the answer is always
 * the full scan's.
 */
final class QuantileWindow {

    /** Half the window's width, in standard deviations of the crossing's position. */
    static final double WINDOW_SDS = 10;
    /** Pairs added to each side of the window, for small samples and extreme quantiles. */
    static final int WINDOW_SLACK = 32;

    /** The values by pair index, as given. */
    private final double[] values;
    private final double[] sorted;
    private final double q;
    /** Sorted position of {@code window[0]}. */
    private final int windowStart;
    /** Pair indices whose values lie in the window, ascending by value. */
    private final int[] window;
    /** Pair indices beyond the window on its thinner side. */
    private final int[] beyond;
    private final boolean beyondIsBelow;

    private QuantileWindow(double[] values, double[] sorted, double q, int windowStart, int[] window, int[] beyond,
                           boolean beyondIsBelow) {
        this.values = values;
        this.sorted = sorted;
        this.q = q;
        this.windowStart = windowStart;
        this.window = window;
        this.beyond = beyond;
        this.beyondIsBelow = beyondIsBelow;
    }

    /**
     * {@code values} prepared for q-quantiles, {@code 0 < q < 1}; {@code sorted} is
     * {@link #sorted}{@code (values)}. Neither is changed, and both are kept.
     */
    static QuantileWindow of(double[] values, double[] sorted, double q) {
        return of(values, sorted, q, WINDOW_SDS);
    }

    /** As {@link #of(double[], double[], double)} with a window {@code windowSds} standard deviations wide each side; for tests. */
    static QuantileWindow of(double[] values, double[] sorted, double q, double windowSds) {
        int n = values.length;
        double halfWidth = Math.ceil(windowSds * Math.sqrt(n * q * (1 - q))) + WINDOW_SLACK;
        return of(values, sorted, q, (int) Math.min(n, halfWidth));
    }

    /** As {@link #of(double[], double[], double)} with a window of {@code halfWidth} pairs either side of the quantile; for tests. */
    static QuantileWindow of(double[] values, double q, int halfWidth) {
        return of(values, sorted(values), q, halfWidth);
    }

    /** A sorted copy of {@code values}. */
    static double[] sorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static QuantileWindow of(double[] values, double[] sorted, double q, int halfWidth) {
        int n = values.length;
        int rank = PairedQuantileRatio.rank(n, q);
        double low = sorted[Math.max(0, rank - halfWidth)];
        double high = sorted[Math.min(n - 1, rank + halfWidth)];
        // Ties with the window's ends join it, so the window is [from, to) in sorted positions.
        int from = firstAtLeast(sorted, 0, n, low);
        int to = firstAbove(sorted, from, n, high);
        boolean below = from <= n - to;
        int[] beyond = new int[below ? from : n - to];
        int[] window = new int[to - from];
        int[] placed = new int[to - from];
        int b = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v < low || v > high) {
                if (v < low == below) {
                    beyond[b++] = i;
                }
            } else {
                // Equal values share their first sorted position; each takes the next free slot there.
                int first = firstAtLeast(sorted, from, to, v) - from;
                window[first + placed[first]++] = i;
            }
        }
        return new QuantileWindow(values, sorted, q, from, window, beyond, below);
    }

    /** The sample q-quantile: the value at {@link PairedQuantileRatio#rank} in ascending order. */
    double sampleQuantile() {
        return sorted[PairedQuantileRatio.rank(sorted.length, q)];
    }

    /** Pair indices beyond the window on its thinner side: whose weights the caller sums for {@link #weighted}. */
    int[] beyond() {
        return beyond;
    }

    /** Pair indices in the window: the pairs whose own weights {@link #weighted} reads. */
    int[] window() {
        return window;
    }

    /**
     * The weighted q-quantile of one replicate: the first value, ascending, at which the running
     * sum of {@code weights}' replicate {@code replicate} reaches q times {@code total} (its sum
     * over every pair); the largest value when every weight is zero. {@code beyondSum} is the
     * replicate's sum over {@link #beyond()}. A crossing outside the window is found by scanning
     * every pair's weight when {@code scanOutside}, else the answer is NaN: the caller drew the
     * weights outside the windows as sums ({@link TailSums#grouped}), so there is nothing to scan.
     */
    double weighted(PoissonOneWeights weights, int replicate, long total, long beyondSum, boolean scanOutside) {
        if (total == 0) {
            return sorted[sorted.length - 1];
        }
        double target = q * total;
        int[] inWindow = new int[window.length];
        weights.weights(replicate, window, inWindow);
        long cumulative = beyondIsBelow ? beyondSum : total - beyondSum - sum(inWindow);
        if (cumulative >= target) {
            return scanOutside ? everything().weighted(weights, replicate, total, 0, true) : Double.NaN;
        }
        for (int k = 0; k < inWindow.length; k++) {
            cumulative += inWindow[k];
            if (cumulative >= target) {
                return sorted[windowStart + k];
            }
        }
        // Past the window: scan everything, unless that is what was just done (q·total rounded
        // above the total), where the largest value is the answer, as in a scan that never crosses.
        if (window.length == sorted.length) {
            return sorted[sorted.length - 1];
        }
        return scanOutside ? everything().weighted(weights, replicate, total, 0, true) : Double.NaN;
    }

    /** The same values with a window spanning all of them: the full scan, for a crossing outside the window. */
    private QuantileWindow everything() {
        return of(values, sorted, q, sorted.length);
    }

    private static long sum(int[] values) {
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    /** The first position in {@code sorted[from, to)} holding a value {@code >= v}, or {@code to}. */
    private static int firstAtLeast(double[] sorted, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position in {@code sorted[from, to)} holding a value {@code > v}, or {@code to}. */
    private static int firstAbove(double[] sorted, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
