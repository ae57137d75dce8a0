package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

class PoissonOneWeightsTest {

    private static final PoissonDistribution POISSON = new PoissonDistribution(1.0);

    /** A weight as the bootstrap used to draw it: the generator's next double, looked up in P(K <= k), k < 15. */
    private static int drawn(SplittableRandom random) {
        double u = random.nextDouble();
        int k = 0;
        while (k < 15 && u > POISSON.cumulativeProbability(k)) {
            k++;
        }
        return k;
    }

    /** Replicate r, pair i is the generator's (r·n + i)-th draw, for every seed, replicate and pair tried. */
    @Test
    void theWeightsAreTheGeneratorsDrawsInReplicateThenPairOrder() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            int n = 1_000;
            PoissonOneWeights weights = new PoissonOneWeights(seed, n);
            SplittableRandom random = new SplittableRandom(seed);
            int[] all = IntStream.range(0, n).toArray();
            int[] out = new int[n];
            for (int r = 0; r < 20; r++) {
                int[] expected = new int[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = drawn(random);
                }
                weights.weights(r, all, out);
                assertThat(out).as("seed %d, replicate %d", seed, r).containsExactly(expected);
                assertThat(weights.total(r)).isEqualTo(IntStream.of(expected).asLongStream().sum());
            }
        }
    }

    @Test
    void sumsAndWeightsFollowTheIndicesGivenInAnyOrder() {
        PoissonOneWeights weights = new PoissonOneWeights(9, 50);
        int[] all = IntStream.range(0, 50).toArray();
        int[] byIndex = new int[50];
        weights.weights(3, all, byIndex);
        int[] some = {49, 0, 17, 17, 3};
        int[] out = new int[some.length];

        weights.weights(3, some, out);

        assertThat(out).containsExactly(byIndex[49], byIndex[0], byIndex[17], byIndex[17], byIndex[3]);
        assertThat(weights.sum(3, some)).isEqualTo(IntStream.of(out).asLongStream().sum());
    }

    /** Far into the stream, where the state has wrapped around many times: the thousandth replicate of a million pairs. */
    @Test
    void farIntoTheStreamTheWeightsStillMatchTheGenerator() {
        int n = 1_000_000;
        SplittableRandom random = new SplittableRandom(5);
        long skip = 999L * n + 123_456;
        for (long j = 0; j < skip; j++) {
            random.nextLong();
        }
        int[] out = new int[3];

        new PoissonOneWeights(5, n).weights(999, new int[] {123_456, 123_457, 123_458}, out);

        assertThat(out).containsExactly(drawn(random), drawn(random), drawn(random));
    }
}
