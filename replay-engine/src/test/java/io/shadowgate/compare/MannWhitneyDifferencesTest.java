package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selection over the implicit matrix of differences agrees with sorting them all. */
class MannWhitneyDifferencesTest {

    @Test
    void everyOrderStatisticOfSmallSamplesWithTies() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            double[] x = sortedInts(random, 1 + random.nextInt(12), 6);
            double[] y = sortedInts(random, 1 + random.nextInt(12), 6);
            double[] all = bruteForce(x, y);
            MannWhitneyDifferences d = new MannWhitneyDifferences(x, y);
            for (int k = 1; k <= all.length; k++) {
                assertThat(d.kth(k)).as("round %d, k %d", round, k).isEqualTo(all[k - 1]);
            }
        }
    }

    @Test
    void selectionRoundsBeyondTheGatheringSizeAgree() {
        // Large enough that the randomized pivot rounds run before the last gather and sort.
        SplittableRandom random = new SplittableRandom(12);
        double[] ties = sortedInts(random, 150, 10);
        double[] moreTies = sortedInts(random, 170, 10);
        double[] x = random.doubles(300).map(v -> v * 100).sorted().toArray();
        double[] y = random.doubles(250).map(v -> v * 50).sorted().toArray();
        for (double[][] pair : new double[][][] {{ties, moreTies}, {x, y}}) {
            double[] all = bruteForce(pair[0], pair[1]);
            MannWhitneyDifferences d = new MannWhitneyDifferences(pair[0], pair[1]);
            for (int k = 1; k <= all.length; k += 97) {
                assertThat(d.kth(k)).as("k %d", k).isEqualTo(all[k - 1]);
            }
            assertThat(d.kth(all.length)).isEqualTo(all[all.length - 1]);
            int middle = all.length / 2;
            double median = all.length % 2 == 1 ? all[middle] : (all[middle - 1] + all[middle]) / 2;
            assertThat(d.median()).isEqualTo(median);
        }
    }

    private static double[] sortedInts(SplittableRandom random, int count, int bound) {
        return random.ints(count, 0, bound).asDoubleStream().sorted().toArray();
    }

    private static double[] bruteForce(double[] x, double[] y) {
        double[] all = new double[x.length * y.length];
        int at = 0;
        for (double a : x) {
            for (double b : y) {
                all[at++] = a - b;
            }
        }
        Arrays.sort(all);
        return all;
    }
}
