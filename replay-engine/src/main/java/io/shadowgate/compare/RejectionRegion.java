package io.shadowgate.compare;

import java.util.Arrays;

/**
 * The tables at least as extreme as the observed one, {@code Z(xb, xc) <= threshold}, with
 * Z the {@link ScoreStatistic} at a fixed margin; evaluated lazily and remembered.
 *
 * <p>The exact test only ever asks about tables near the line {@code xc/nc - xb/nb = margin}
 * (the others have negligible probability at every point of the null boundary), so each row
 * {@code xb} keeps just the range of {@code xc} asked for so far: memory grows with that band,
 * not with {@code nb * nc}. Membership is not assumed monotone in xc: every cell is computed,
 * and each row is kept as its runs of members, so summing a row costs one subtraction of
 * cumulative sums per run (one run when the region is Barnard-convex). Single-threaded: one
 * instance per p-value.
 */
final class RejectionRegion {

    private static final int[] NO_RUNS = {};

    private final int nb;
    private final int nc;
    private final double margin;
    private final double threshold;
    private final int[] rowStart;
    private final boolean[][] rows;
    /** Per row, the members as [first, last] pairs of xc, in order. */
    private final int[][] runs;

    RejectionRegion(int nb, int nc, double margin, double threshold) {
        this.nb = nb;
        this.nc = nc;
        this.margin = margin;
        this.threshold = threshold;
        this.rowStart = new int[nb + 1];
        this.rows = new boolean[nb + 1][];
        this.runs = new int[nb + 1][];
    }

    /**
     * Sum of the weights of the members of row {@code xb} with xc in [from, to], given the
     * cumulative weights {@code cumulative[xc - from]} over that range.
     */
    double weightInRegion(int xb, int from, int to, double[] cumulative) {
        cover(xb, from, to);
        int[] r = runs[xb];
        double sum = 0;
        for (int i = 0; i < r.length; i += 2) {
            int first = Math.max(from, r[i]);
            int last = Math.min(to, r[i + 1]);
            if (first <= last) {
                sum += cumulative[last - from] - (first == from ? 0 : cumulative[first - 1 - from]);
            }
        }
        return sum;
    }

    private void cover(int xb, int from, int to) {
        boolean[] row = rows[xb];
        int start = rowStart[xb];
        if (row != null && from >= start && to < start + row.length) {
            return;
        }
        // Grow only towards the request, with slack there, so a row the windows slide along
        // is rebuilt a logarithmic number of times and never computed far beyond its need.
        int newStart = from;
        int newEnd = to;
        if (row != null) {
            int end = start + row.length - 1;
            int slack = row.length / 2;
            newStart = from < start ? Math.max(0, from - slack) : start;
            newEnd = to > end ? Math.min(nc, to + slack) : end;
        }
        boolean[] grown = new boolean[newEnd - newStart + 1];
        double pb = Double.NaN;  // the neighbour's restricted MLE, a close start for the next
        for (int xc = newStart; xc <= newEnd; xc++) {
            if (row != null && xc >= start && xc < start + row.length) {
                grown[xc - newStart] = row[xc - start];
            } else {
                pb = ScoreStatistic.restrictedBaselineRate(xb, nb, xc, nc, margin, pb);
                grown[xc - newStart] = ScoreStatistic.z(xb, nb, xc, nc, margin, pb) <= threshold;
            }
        }
        rows[xb] = grown;
        rowStart[xb] = newStart;
        runs[xb] = runsOf(grown, newStart);
    }

    private static int[] runsOf(boolean[] row, int start) {
        int[] found = new int[row.length + 1];
        int count = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] && (i == 0 || !row[i - 1])) {
                found[count++] = start + i;
            }
            if (row[i] && (i == row.length - 1 || !row[i + 1])) {
                found[count++] = start + i;
            }
        }
        return count == 0 ? NO_RUNS : Arrays.copyOf(found, count);
    }
}
