package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known answers of pool-adjacent-violators, worked by hand. */
class MonotoneFitTest {

    @Test
    void risingValuesAreLeftAsTheyAre() {
        assertThat(MonotoneFit.nondecreasing(new double[] {1, 2, 2, 5}, new double[] {1, 1, 1, 1}))
                .containsExactly(1, 2, 2, 5);
    }

    /**
     * 1, 3, 2, 4 with equal weights: 3 > 2 pools into 2.5. With weights 1, 1, 3, 1 the pool is
     * (3 + 6)/4 = 2.25. And 5, 1, 1 falls twice: all three pool into 7/3.
     */
    @Test
    void fallingRunsPoolIntoTheirWeightedMean() {
        assertThat(MonotoneFit.nondecreasing(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1}))
                .containsExactly(1, 2.5, 2.5, 4);
        assertThat(MonotoneFit.nondecreasing(new double[] {1, 3, 2, 4}, new double[] {1, 1, 3, 1}))
                .containsExactly(1, 2.25, 2.25, 4);
        double[] fit = MonotoneFit.nondecreasing(new double[] {5, 1, 1}, new double[] {1, 1, 1});
        assertThat(fit[0]).isCloseTo(7 / 3.0, within(1e-12));
        assertThat(fit).containsOnly(fit[0]);
    }

    /**
     * A pool that later falls below an earlier block merges back into it: in 3, 6, 0, 0 the 6
     * and 0 pool to 3 (not below the first 3), then with the last 0 to 2, below it: all four
     * pool to 9/4.
     */
    @Test
    void aPoolFallingBelowAnEarlierBlockMergesWithIt() {
        assertThat(MonotoneFit.nondecreasing(new double[] {3, 6, 0, 0}, new double[] {1, 1, 1, 1}))
                .containsExactly(2.25, 2.25, 2.25, 2.25);
        assertThat(MonotoneFit.nondecreasing(new double[0], new double[0])).isEmpty();
    }
}
