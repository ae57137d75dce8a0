package io.shadowgate.judge;

import java.util.Arrays;

/**
 * Weighted isotonic regression: the non-decreasing sequence closest to the values in weighted
 * least squares, by pool-adjacent-violators (Barlow et al., Statistical Inference under Order
 * Restrictions, 1972). Commons Math has no isotonic regression. Stateless.
 */
final class MonotoneFit {

    private MonotoneFit() {
    }

    /**
     * The fit, one value per input: runs of values that fall are pooled into their weighted mean
     * until the whole sequence rises or stays level.
     *
     * @param values  in order (here, by offered rate); finite
     * @param weights positive, one per value (here, the window's samples)
     */
    static double[] nondecreasing(double[] values, double[] weights) {
        int n = values.length;
        // Blocks on a stack: each has a weighted sum, a weight and the index after its last value.
        double[] sum = new double[n];
        double[] weight = new double[n];
        int[] end = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            sum[blocks] = values[i] * weights[i];
            weight[blocks] = weights[i];
            end[blocks] = i + 1;
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] > sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                end[blocks - 2] = end[blocks - 1];
                blocks--;
            }
        }
        double[] fit = new double[n];
        int from = 0;
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(fit, from, end[b], sum[b] / weight[b]);
            from = end[b];
        }
        return fit;
    }
}
