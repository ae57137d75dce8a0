package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuantileWindowTest {

    /** The weighted q-quantile the long way: every pair in ascending order of value, to where the weight reaches q·total. */
    private static double scanned(double[] values, int[] weights, long total, double q) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        long cumulative = 0;
        for (int k : order) {
            cumulative += weights[k];
            if (cumulative >= q * total && cumulative > 0) {
                return values[k];
            }
        }
        return values[order[order.length - 1]];
    }

    /**
     * Windows far too narrow for the crossing (0, 1 and 3 pairs either side) send most
     * replicates past an end of the window, above and below, to the full scan: the answer is
     * still the full scan's, with ties and without, for low and high quantiles (whose windows
     * keep the pairs below, and above, by index).
     */
    @Test
    void aCrossingOutsideTheWindowIsFoundByScanningEverything() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 3_000;
        double[] continuous = random.doubles(n, 1, 100).toArray();
        double[] ties = Arrays.stream(continuous).map(Math::rint).toArray();
        PoissonOneWeights weights = new PoissonOneWeights(17, n);
        int[] all = IntStream.range(0, n).toArray();
        int[] w = new int[n];
        for (double[] values : new double[][] {continuous, ties}) {
            for (double q : new double[] {0.05, 0.5, 0.99}) {
                for (int halfWidth : new int[] {0, 1, 3}) {
                    QuantileWindow window = QuantileWindow.of(values, q, halfWidth);
                    for (int r = 0; r < 40; r++) {
                        weights.weights(r, all, w);
                        long total = weights.total(r);
                        assertThat(window.weighted(weights, r, total, weights.sum(r, window.beyond()), true)).as("q %s, half-width %d, replicate %d", q,
                                halfWidth, r).isEqualTo(scanned(values, w, total, q));
                    }
                }
            }
        }
    }

    /**
     * Without the scan (the weights outside the windows were drawn as sums), a crossing outside
     * the window is NaN, and every crossing inside is still the full scan's.
     */
    @Test
    void withoutTheScanACrossingOutsideTheWindowIsNaN() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 3_000;
        double[] values = random.doubles(n, 1, 100).toArray();
        PoissonOneWeights weights = new PoissonOneWeights(23, n);
        int[] all = IntStream.range(0, n).toArray();
        int[] w = new int[n];
        int outside = 0;
        int inside = 0;
        for (double q : new double[] {0.05, 0.5, 0.99}) {
            QuantileWindow window = QuantileWindow.of(values, q, 3);
            for (int r = 0; r < 40; r++) {
                weights.weights(r, all, w);
                long total = weights.total(r);
                long beyond = weights.sum(r, window.beyond());
                double scanned = window.weighted(weights, r, total, beyond, true);
                double unscanned = window.weighted(weights, r, total, beyond, false);
                int rank = Arrays.binarySearch(QuantileWindow.sorted(values), scanned);
                int from = Arrays.binarySearch(QuantileWindow.sorted(values), values[window.window()[0]]);
                if (rank >= from && rank < from + window.window().length) {
                    inside++;
                    assertThat(unscanned).as("q %s, replicate %d", q, r).isEqualTo(scanned);
                } else {
                    outside++;
                    assertThat(unscanned).as("q %s, replicate %d", q, r).isNaN();
                }
            }
        }
        assertThat(inside).isPositive();
        assertThat(outside).isPositive();
    }

    @Test
    void theSampleQuantileIsTheValueAtItsRank() {
        double[] values = {5, 1, 4, 2, 3};

        assertThat(QuantileWindow.of(values, QuantileWindow.sorted(values), 0.5).sampleQuantile()).isEqualTo(3);
        assertThat(QuantileWindow.of(values, QuantileWindow.sorted(values), 0.99).sampleQuantile()).isEqualTo(5);
        assertThat(QuantileWindow.of(values, QuantileWindow.sorted(values), 0.01).sampleQuantile()).isEqualTo(1);
    }
}
