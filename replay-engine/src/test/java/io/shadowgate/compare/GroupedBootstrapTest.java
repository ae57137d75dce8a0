package io.shadowgate.compare;

import static io.shadowgate.compare.PairedQuantileRatioTest.pairs;
import static io.shadowgate.compare.PairedQuantileRatioTest.rounded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paired bootstrap with the weights outside the quantile windows drawn as one Poisson sum
 * per class ({@link TailSums#grouped}), as {@code judge --paired} does from a million pairs on.
 * Its replicates are not the pass over every pair's, so these tests hold it to that pass's
 * distribution: the same point estimates, standard errors within their sampling error, and
 * intervals that cover as often as they say.
 */
class GroupedBootstrapTest {

    private static final int EVERY_WEIGHT = Integer.MAX_VALUE;
    private static final int GROUPED = 0;
    private static final double[] PERCENTILES = {10, 50, 90, 99, 99.9};

    private static List<QuantileRatio> bootstrap(double[][] p, double[] percentiles, int replicates, long seed,
                                                 int groupFrom, double windowSds) {
        return PairedQuantileRatio.estimate(p[0], p[1], percentiles, replicates, seed, groupFrom, windowSds);
    }

    /**
     * 2,000 replicates a side: a standard error's own relative error is then about 1.6 %, so the
     * two agree within 8 % unless the grouped sums are wrong (drawing them at their mean, for
     * one, shrinks a median's standard error several times).
     */
    @Test
    void groupedSumsGiveTheStandardErrorsOfDrawingEveryWeight() {
        double[][] continuous = pairs(20_000, 0.6, 1.05, new SplittableRandom(31));
        double[][] ties = {rounded(continuous[0], 2_000), rounded(continuous[1], 2_000)};
        for (double[][] data : new double[][][] {continuous, ties}) {
            List<QuantileRatio> grouped = bootstrap(data, PERCENTILES, 2_000, 5, GROUPED, QuantileWindow.WINDOW_SDS);
            List<QuantileRatio> every = bootstrap(data, PERCENTILES, 2_000, 5, EVERY_WEIGHT, QuantileWindow.WINDOW_SDS);
            for (int p = 0; p < PERCENTILES.length; p++) {
                QuantileRatio g = grouped.get(p);
                QuantileRatio e = every.get(p);
                assertThat(g.estimate()).as("p%s", PERCENTILES[p]).isEqualTo(e.estimate());
                if (e.logSe() == 0) {
                    // A quantile inside one block of ties: no replicate moves it, grouped or not.
                    assertThat(g.logSe()).as("p%s", PERCENTILES[p]).isZero();
                    continue;
                }
                assertThat(g.logSe()).as("p%s: grouped, not the same replicates", PERCENTILES[p]).isNotEqualTo(e.logSe());
                assertThat(g.logSe() / e.logSe()).as("p%s standard error, grouped over every weight", PERCENTILES[p])
                        .isCloseTo(1.0, within(0.08));
            }
        }
    }

    /** Calibration in miniature, as for the pass over every pair: a 90 % upper bound covers the true 1.10 in about 90 % of 200 experiments. */
    @Test
    void groupedUpperBoundsCoverTheTrueRatioAsOftenAsTheirConfidenceSays() {
        SplittableRandom random = new SplittableRandom(11);
        int covered = 0;
        int experiments = 200;
        for (int e = 0; e < experiments; e++) {
            double[][] p = pairs(2_000, 0.7, 1.10, random);
            if (bootstrap(p, new double[] {90}, 200, e, GROUPED, QuantileWindow.WINDOW_SDS).get(0).upper(0.90) >= 1.10) {
                covered++;
            }
        }
        assertThat(covered / (double) experiments).isBetween(0.84, 0.96);
    }

    @Test
    void theSameDataAndSeedGiveTheSameGroupedBounds() {
        double[][] p = pairs(50_000, 0.8, 1.0, new SplittableRandom(3));

        List<QuantileRatio> a = bootstrap(p, PERCENTILES, 300, 7, GROUPED, QuantileWindow.WINDOW_SDS);
        List<QuantileRatio> b = bootstrap(p, PERCENTILES, 300, 7, GROUPED, QuantileWindow.WINDOW_SDS);
        List<QuantileRatio> otherSeed = bootstrap(p, PERCENTILES, 300, 8, GROUPED, QuantileWindow.WINDOW_SDS);

        assertThat(a).isEqualTo(b);
        assertThat(otherSeed.get(1).logSe()).isNotEqualTo(a.get(1).logSe());
    }

    /**
     * Windows of only 32 pairs either side of the quantile, where a median's crossing wanders
     * about 110 pairs: most replicates cross outside, where grouped sums leave nothing to scan,
     * and are drawn again weight by weight. Every replicate still counts, and the standard
     * errors are those of every weight drawn.
     */
    @Test
    void aCrossingOutsideItsWindowIsDrawnAgainWeightByWeight() {
        double[][] p = pairs(50_000, 0.5, 1.0, new SplittableRandom(12));
        double[] percentiles = {50, 99};

        List<QuantileRatio> narrow = bootstrap(p, percentiles, 300, 2, GROUPED, 0);
        List<QuantileRatio> every = bootstrap(p, percentiles, 300, 2, EVERY_WEIGHT, QuantileWindow.WINDOW_SDS);

        for (int i = 0; i < percentiles.length; i++) {
            assertThat(narrow.get(i).logSe()).as("p%s", percentiles[i]).isFinite().isPositive();
            assertThat(narrow.get(i).logSe() / every.get(i).logSe()).as("p%s", percentiles[i]).isCloseTo(1.0, within(0.15));
        }
    }

    /**
     * {@code judge --paired}'s path: from a million pairs on, the replicates are grouped and
     * spread over the cores. The point estimates are the full scan's; the standard errors agree
     * with drawing every weight within the sampling error of 400 replicates (about 3.5 % each).
     */
    @Test
    void aMillionPairsAreGroupedAndAgreeWithDrawingEveryWeight() {
        int n = PairedQuantileRatio.GROUPED_PAIRS;
        double[][] p = pairs(n, 0.5, 1.0, new SplittableRandom(6));
        double[] percentiles = {50, 99};

        List<QuantileRatio> ratios = PairedQuantileRatio.estimate(p[0], p[1], percentiles, 400, 3);
        List<QuantileRatio> every = bootstrap(p, percentiles, 400, 3, EVERY_WEIGHT, QuantileWindow.WINDOW_SDS);

        for (int i = 0; i < percentiles.length; i++) {
            QuantileRatio full = PairedQuantileRatioTest.fullScan(p[0], p[1], percentiles[i], 1, 3);
            assertThat(ratios.get(i).estimate()).isEqualTo(full.estimate());
            assertThat(ratios.get(i).baselineQ()).isEqualTo(full.baselineQ());
            assertThat(ratios.get(i).logSe()).isNotEqualTo(every.get(i).logSe());
            assertThat(ratios.get(i).logSe() / every.get(i).logSe()).as("p%s", percentiles[i]).isCloseTo(1.0, within(0.2));
        }
    }
}
