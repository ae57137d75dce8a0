package io.shadowgate.report;

import java.util.Arrays;

/**
 * Thins long lines and bands to a number of points a chart can carry without losing their
 * shape: each bucket of consecutive points keeps its extremes, so spikes stay visible and a
 * band never looks narrower than it is. Stateless.
 */
final class Downsampler {

    private Downsampler() {
    }

    /**
     * At most {@code maxPoints} points that keep the shape of the line: when there are more,
     * the points fall into {@code maxPoints / 2} buckets of consecutive points, and each bucket
     * keeps its lowest and highest finite value in their order, or a NaN (a gap) when it has
     * none. Returns {xs, ys}.
     */
    static double[][] downsample(double[] xs, double[] ys, int maxPoints) {
        int n = xs.length;
        if (n <= maxPoints) {
            return new double[][] {xs, ys};
        }
        int buckets = Math.max(1, maxPoints / 2);
        double[] outX = new double[2 * buckets];
        double[] outY = new double[2 * buckets];
        int out = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int low = -1;
            int high = -1;
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(ys[i])) {
                    continue;
                }
                if (low < 0 || ys[i] < ys[low]) {
                    low = i;
                }
                if (high < 0 || ys[i] > ys[high]) {
                    high = i;
                }
            }
            if (low < 0) {
                outX[out] = xs[from];
                outY[out++] = Double.NaN;
            } else {
                int first = Math.min(low, high);
                int second = Math.max(low, high);
                outX[out] = xs[first];
                outY[out++] = ys[first];
                if (second != first) {
                    outX[out] = xs[second];
                    outY[out++] = ys[second];
                }
            }
        }
        return new double[][] {Arrays.copyOf(outX, out), Arrays.copyOf(outY, out)};
    }

    /**
     * At most {@code maxPoints} points of a band: when there are more, the points fall into
     * {@code maxPoints / 2} buckets, each drawn at its first and last x with its lowest low and
     * highest high (a NaN when it has no point with both). Returns {xs, lows, highs}.
     */
    static double[][] envelope(double[] xs, double[] lows, double[] highs, int maxPoints) {
        int n = xs.length;
        if (n <= maxPoints) {
            return new double[][] {xs, lows, highs};
        }
        int buckets = Math.max(1, maxPoints / 2);
        double[][] out = new double[3][2 * buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double low = Double.NaN;
            double high = Double.NaN;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(lows[i]) && !Double.isNaN(highs[i])) {
                    low = Double.isNaN(low) ? lows[i] : Math.min(low, lows[i]);
                    high = Double.isNaN(high) ? highs[i] : Math.max(high, highs[i]);
                }
            }
            out[0][2 * b] = xs[from];
            out[0][2 * b + 1] = xs[to - 1];
            out[1][2 * b] = low;
            out[1][2 * b + 1] = low;
            out[2][2 * b] = high;
            out[2][2 * b + 1] = high;
        }
        return out;
    }
}
