package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Newcombe's interval against independent implementations, and the properties an interval must have. */
class ErrorRateDifferenceTest {

    /**
     * Known answers from statsmodels 0.13.5 (Debian python3-statsmodels),
     * {@code confint_proportions_2indep(xc, nc, xb, nb, method='newcomb', compare='diff', alpha=1-confidence)},
     * computed by src/test/resources/compare/reference_proportions.py (its output is pasted there).
     * Rows: zeros, equal rates, n/n, large n with unequal sides, tiny n, rates near 0 with n = 3000.
     */
    @ParameterizedTest(name = "{0}/{1} vs {2}/{3} at {4}")
    @CsvSource({
        // xb, nb,    xc,  nc,     confidence, lower,            upper
        "5,    100,   9,   100,    0.95, -0.034639348552, 0.117663230781",
        "0,    50,    0,   50,     0.99, -0.117152091718, 0.117152091718",  // no errors anywhere
        "0,    200,   3,   200,    0.95, -0.006280851033, 0.043165728793",
        "10,   10,    7,   10,     0.95, -0.603221852539, 0.037592434579",  // baseline n/n
        "20,   1000,  20,  1000,   0.99, -0.017274581099, 0.017274581099",  // equal rates
        "1234, 500000, 1400, 480000, 0.99, 0.000179075077, 0.000719622154", // large n
        "1,    3,     2,   4,      0.90, -0.354436360961, 0.574010674161",  // tiny n
        "48,   80,    56,  70,     0.95,  0.052431472402, 0.333872654037",
        "3,    3000,  1,   3000,   0.98, -0.003196028134, 0.001539714749",
        "0,    10,    10,  10,     0.95,  0.607509350431, 1.000000000000",  // 0/n against n/n
        "0,    1,     1,   1,      0.95, -0.122108720682, 1.000000000000",  // one trial each
    })
    void newcombeMatchesStatsmodels(long xb, long nb, long xc, long nc, double confidence, double lower, double upper) {
        DifferenceEstimate e = ErrorRateDifference.newcombe(ErrorCount.of(xb, nb), ErrorCount.of(xc, nc), confidence);
        assertThat(e.lower()).isCloseTo(lower, within(1e-9));
        assertThat(e.upper()).isCloseTo(upper, within(1e-9));
        assertThat(e.estimate()).isCloseTo((double) xc / nc - (double) xb / nb, within(1e-15));
        assertThat(e.method()).isEqualTo("Newcombe hybrid score");
        assertThat(e.confidence()).isEqualTo(confidence);
    }

    /**
     * The worked examples of Newcombe (1998, Stat Med 17:873), Table II, method 10, at 95%,
     * to the 4 decimals published (statsmodels agrees to those decimals too).
     */
    @ParameterizedTest(name = "{2}/{3} - {0}/{1}")
    @CsvSource({
        "48, 80, 56, 70, 0.0524, 0.3339",
        "3,  10, 9,  10, 0.1705, 0.8090",
        "0,  20, 0,  10, -0.1611, 0.2775",
        "0,  10, 0,  10, -0.2775, 0.2775",
        "0,  20, 10, 10, 0.6791, 1.0000",
        "0,  10, 10, 10, 0.6075, 1.0000",
    })
    void newcombeReproducesThePublishedExamples(long xb, long nb, long xc, long nc, double lower, double upper) {
        DifferenceEstimate e = ErrorRateDifference.newcombe(ErrorCount.of(xb, nb), ErrorCount.of(xc, nc), 0.95);
        assertThat(e.lower()).isCloseTo(lower, within(0.00005));
        assertThat(e.upper()).isCloseTo(upper, within(0.00005));
    }

    @Test
    void aSideWithoutTrialsGivesNoDataAndTheWholeRange() {
        DifferenceEstimate e = ErrorRateDifference.newcombe(ErrorCount.of(0, 0), ErrorCount.of(3, 100), 0.99);
        assertThat(e.hasData()).isFalse();
        assertThat(e.method()).isEqualTo("no data");
        assertThat(e.lower()).isEqualTo(-1);
        assertThat(e.upper()).isEqualTo(1);
        assertThat(ErrorRateDifference.estimate(ErrorCount.of(0, 0), ErrorCount.of(0, 0), 0.98).hasData()).isFalse();
    }

    @Test
    void theIntervalContainsTheEstimateAndStaysInRange() {
        long[] ns = {1, 2, 7, 30, 101, 1000};
        for (long nb : ns) {
            for (long nc : ns) {
                for (long xb = 0; xb <= nb; xb += Math.max(1, nb / 5)) {
                    for (long xc = 0; xc <= nc; xc += Math.max(1, nc / 5)) {
                        DifferenceEstimate e = ErrorRateDifference.newcombe(ErrorCount.of(xb, nb), ErrorCount.of(xc, nc), 0.98);
                        assertThat(e.contains(e.estimate())).as("%d/%d vs %d/%d", xb, nb, xc, nc).isTrue();
                        assertThat(e.lower()).isBetween(-1.0, 1.0);
                        assertThat(e.upper()).isBetween(-1.0, 1.0);
                    }
                }
            }
        }
    }

    @Test
    void theIntervalNarrowsAsTheSampleGrows() {
        double previous = Double.POSITIVE_INFINITY;
        for (long n = 50; n <= 500_000; n *= 10) {
            DifferenceEstimate e = ErrorRateDifference.newcombe(ErrorCount.of(n / 50, n), ErrorCount.of(n / 25, n), 0.98);
            double width = e.upper() - e.lower();
            assertThat(width).isLessThan(previous);
            previous = width;
        }
    }

    @Test
    void identicalSidesGiveASymmetricIntervalAroundZero() {
        for (long[] c : new long[][] {{0, 10}, {1, 10}, {5, 10}, {10, 10}, {17, 2000}}) {
            ErrorCount same = ErrorCount.of(c[0], c[1]);
            DifferenceEstimate e = ErrorRateDifference.newcombe(same, same, 0.99);
            assertThat(e.contains(0)).isTrue();
            assertThat(e.lower()).isCloseTo(-e.upper(), within(1e-15));
        }
    }

    @Test
    void swappingTheSidesNegatesTheInterval() {
        ErrorCount a = ErrorCount.of(3, 40);
        ErrorCount b = ErrorCount.of(11, 55);
        DifferenceEstimate ab = ErrorRateDifference.newcombe(a, b, 0.95);
        DifferenceEstimate ba = ErrorRateDifference.newcombe(b, a, 0.95);
        assertThat(ba.estimate()).isCloseTo(-ab.estimate(), within(1e-15));
        assertThat(ba.lower()).isCloseTo(-ab.upper(), within(1e-15));
        assertThat(ba.upper()).isCloseTo(-ab.lower(), within(1e-15));
    }

    @Test
    void smallCountsAreFewerThanTenErrorsOrSuccessesOnEitherSide() {
        assertThat(ErrorRateDifference.isSmallCount(ErrorCount.of(9, 5000), ErrorCount.of(40, 5000))).isTrue();
        assertThat(ErrorRateDifference.isSmallCount(ErrorCount.of(10, 5000), ErrorCount.of(40, 5000))).isFalse();
        assertThat(ErrorRateDifference.isSmallCount(ErrorCount.of(12, 20), ErrorCount.of(15, 20))).isTrue();  // 5 successes
        assertThat(ErrorRateDifference.isSmallCount(ErrorCount.of(0, 0), ErrorCount.of(40, 5000))).isTrue();
    }

    @Test
    void estimatePicksTheExactIntervalForSmallCountsAndNewcombeOtherwise() {
        assertThat(ErrorRateDifference.estimate(ErrorCount.of(1, 200), ErrorCount.of(4, 200), 0.98).method())
                .isEqualTo("exact unconditional (Chan)");
        assertThat(ErrorRateDifference.estimate(ErrorCount.of(20, 200), ErrorCount.of(40, 200), 0.98).method())
                .isEqualTo("Newcombe hybrid score");
        // Few errors but more trials than the exact interval is inverted for: Newcombe.
        assertThat(ErrorRateDifference.estimate(ErrorCount.of(2, 2_001), ErrorCount.of(3, 2_001), 0.98).method())
                .isEqualTo("Newcombe hybrid score");
        assertThat(ErrorRateDifference.estimate(ErrorCount.of(2, 50_000), ErrorCount.of(3, 50_000), 0.98).method())
                .isEqualTo("Newcombe hybrid score");
    }

    @Test
    void oneSidedAlphaMapsToTwoSidedConfidence() {
        assertThat(ErrorRateDifference.confidenceForOneSidedAlpha(0.01)).isCloseTo(0.98, within(1e-15));
        assertThat(ErrorRateDifference.confidenceForOneSidedAlpha(0.025)).isCloseTo(0.95, within(1e-15));
        assertThatThrownBy(() -> ErrorRateDifference.confidenceForOneSidedAlpha(0.5))
                .hasMessageContaining("alpha must be in (0, 0.5)");
    }

    @Test
    void badCountsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> ErrorCount.of(5, 3)).hasMessageContaining("between 0 and trials=3 (was 5)");
        assertThatThrownBy(() -> ErrorRateDifference.newcombe(ErrorCount.of(1, 3), ErrorCount.of(1, 3), 1.0))
                .hasMessageContaining("confidence must be in (0, 1)");
    }
}
