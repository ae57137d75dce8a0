package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact unconditional test (Chan 1998) against independent values where they exist
 * (scipy's Barnard test at margin 0), against a second implementation where they don't
 * (margin != 0), and against the properties a test of a margin must have.
 * Reference values: src/test/resources/compare/reference_proportions.py, output pasted there.
 */
class ExactUnconditionalTestTest {

    /**
     * scipy 1.10.1 (Debian python3-scipy) {@code barnard_exact([[xc, xb], [nc-xc, nb-xb]], pooled=True, n=2048)},
     * whose pooled statistic is the score statistic at margin 0: 'less' is our non-inferiority
     * p-value at 0, 'greater' our over-margin p-value at 0. A p-value of 1 is right when the
     * observed table points the other way (the null boundary reaches rate 0, where the
     * all-zero table has statistic 0).
     */
    @ParameterizedTest(name = "{0}/{1} vs {2}/{3}")
    @CsvSource({
        // xb, nb, xc, nc, less,          greater
        "3,  15,  7,  15, 1.000000000000, 0.070915818830",
        "0,  20,  4,  20, 1.000000000000, 0.019285113654",
        "1,  50,  1,  50, 1.000000000000, 1.000000000000",  // equal rates
        "2,  200, 9,  200, 1.000000000000, 0.018746517636",
        "5,  12,  2,  10, 0.227565161307, 1.000000000000",  // unequal n
        "0,  30,  0,  30, 1.000000000000, 1.000000000000",  // no errors
        "7,  40,  3,  25, 0.344147822761, 1.000000000000",
        "10, 30,  4,  30, 0.038127432031, 1.000000000000",
        "4,  25,  9,  20, 1.000000000000, 0.020694674566",
        "1,  8,   1,  12, 0.443036380656, 1.000000000000",
    })
    void atMarginZeroItIsBarnardsTest(long xb, long nb, long xc, long nc, double less, double greater) {
        ErrorCount b = ErrorCount.of(xb, nb);
        ErrorCount c = ErrorCount.of(xc, nc);
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(b, c, 0)).isCloseTo(less, within(1e-6));
        assertThat(ExactUnconditionalTest.overMarginPValue(b, c, 0)).isCloseTo(greater, within(1e-6));
    }

    /**
     * No Debian package has an exact unconditional test at a margin (scipy's takes none; R's
     * Exact and exact2x2 are not packaged), so these come from the second implementation in
     * reference_proportions.py section 4: restricted MLE by scipy brentq on the score equation,
     * scipy binomial pmfs, a 4001-point arcsine grid refined by scipy minimize_scalar.
     * It shares no code with ours; it checks the numerics, the property tests check the method.
     */
    @ParameterizedTest(name = "{0}/{1} vs {2}/{3} at margin {4}")
    @CsvSource({
        // xb, nb, xc, nc, margin, non-inferiority, over margin
        "3,  15, 7,  15, 0.0,   1.000000000000, 0.070915818830",
        "10, 30, 4,  30, 0.0,   0.038127432031, 1.000000000000",
        "1,  100, 3, 100, 0.05, 0.128804496373, 0.907601440377",
        "0,  40, 2,  40, 0.10,  0.222808124339, 0.919526303986",
        "4,  60, 12, 60, 0.05,  0.921280735423, 0.094941280429",
        "2,  25, 1,  30, -0.05, 0.560065356413, 0.642375853545",
        "0,  80, 0,  80, 0.03,  0.087445756919, 1.000000000000",
        "6,  50, 2,  45, 0.10,  0.005052982384, 1.000000000000",
        "2,  25, 0,  30, -0.05, 0.357624146455, 0.872893504339",  // restricted MLE at the segment's end
        "3,  400, 9, 420, 0.01, 0.753802582483, 0.371161420329",
        "2,  1000, 5, 1000, 0.005, 0.281386120815, 0.768431879342",
    })
    void atAMarginItMatchesTheSecondImplementation(long xb, long nb, long xc, long nc, double margin,
                                                   double nonInferiority, double overMargin) {
        ErrorCount b = ErrorCount.of(xb, nb);
        ErrorCount c = ErrorCount.of(xc, nc);
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(b, c, margin)).isCloseTo(nonInferiority, within(1e-6));
        assertThat(ExactUnconditionalTest.overMarginPValue(b, c, margin)).isCloseTo(overMargin, within(1e-6));
    }

    /**
     * The Farrington-Manning statistic, from reference_proportions.py section 2 (restricted MLE
     * by scipy brentq, checked there against Farrington & Manning's closed form and against
     * scipy's likelihood maximisation; p-values from scipy.stats.norm).
     */
    @ParameterizedTest(name = "{0}/{1} vs {2}/{3} at margin {4}")
    @CsvSource({
        // xb, nb,  xc, nc,   margin, z,               P(Z <= z),      P(Z >= z)
        "5,   100,  9,  100,  0.05, -0.275511241379, 0.391461745258, 0.608538254742",
        "30,  1500, 45, 1500, 0.02, -1.698396705424, 0.044716456751, 0.955283543249",
        "0,   40,   2,  40,   0.10, -1.054092553389, 0.145920272572, 0.854079727428",
        "12,  60,   4,  60,  -0.05, -1.378251757356, 0.084062786158, 0.915937213842",
        "100, 400,  130, 500, 0.03, -0.686564792686, 0.246178510608, 0.753821489392",
        "2,   25,   0,  30,  -0.05, -0.688247201612, 0.245648562108, 0.754351437892",
    })
    void scoreStatisticMatchesTheReference(long xb, long nb, long xc, long nc, double margin,
                                           double z, double lower, double upper) {
        assertThat(ScoreStatistic.z(xb, nb, xc, nc, margin)).isCloseTo(z, within(1e-9));
        assertThat(ScoreStatistic.asymptoticPValue(xb, nb, xc, nc, margin, true)).isCloseTo(lower, within(1e-9));
        assertThat(ScoreStatistic.asymptoticPValue(xb, nb, xc, nc, margin, false)).isCloseTo(upper, within(1e-9));
    }

    @Test
    void pValuesLieInTheUnitIntervalAndTheTwoTestsNeverBothReject() {
        // At any point of the shared null boundary P(Z <= z) + P(Z >= z) >= 1, so the two
        // suprema add up to at least 1: below alpha = 0.5 at most one of them rejects.
        ErrorCount b = ErrorCount.of(2, 60);
        ErrorCount c = ErrorCount.of(5, 70);
        for (double margin = -0.2; margin <= 0.25; margin += 0.01) {
            double ni = ExactUnconditionalTest.nonInferiorityPValue(b, c, margin);
            double over = ExactUnconditionalTest.overMarginPValue(b, c, margin);
            assertThat(ni).isBetween(0.0, 1.0);
            assertThat(over).isBetween(0.0, 1.0);
            assertThat(ni + over).as("margin %f", margin).isGreaterThanOrEqualTo(1 - 1e-12);
        }
    }

    @Test
    void theAsymptoticScoreTestIsMonotoneInTheMargin() {
        double previous = 1;
        for (double margin = -0.2; margin <= 0.25; margin += 0.01) {
            double p = ScoreStatistic.asymptoticPValue(2, 60, 5, 70, margin, true);
            assertThat(p).isLessThanOrEqualTo(previous + 1e-15);
            previous = p;
        }
    }

    /**
     * The exact p-values are NOT monotone in the margin: the ordering of the tables changes with
     * it. Values from the second implementation, reference_proportions.py section 5. This is why
     * a gate decides with the p-value at its own margin rather than with the exact interval.
     */
    @ParameterizedTest(name = "margin {0}")
    @CsvSource({
        "0.00, 1.000000000000, 0.235306004056",
        "0.01, 0.878766728688, 0.275919592906",
        "0.02, 0.694215907603, 0.413377748429",
        "0.03, 0.731466109837, 0.451299857615",  // higher than at 0.02
        "0.04, 0.567586567084, 0.563593875168",
    })
    void exactPValuesWiggleWithTheMargin(double margin, double nonInferiority, double overMargin) {
        ErrorCount b = ErrorCount.of(2, 60);
        ErrorCount c = ErrorCount.of(5, 70);
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(b, c, margin)).isCloseTo(nonInferiority, within(1e-6));
        assertThat(ExactUnconditionalTest.overMarginPValue(b, c, margin)).isCloseTo(overMargin, within(1e-6));
    }

    @Test
    void forLargeCountsItAgreesWithTheAsymptoticScoreTest() {
        // 30/1500 vs 45/1500 at 0.02: asymptotic 0.0447 (scipy, section 2).
        double exact = ExactUnconditionalTest.nonInferiorityPValue(ErrorCount.of(30, 1500), ErrorCount.of(45, 1500), 0.02);
        assertThat(exact).isCloseTo(0.044716456751, within(1e-2));
        double over = ExactUnconditionalTest.overMarginPValue(ErrorCount.of(100, 400), ErrorCount.of(130, 500), 0.03);
        assertThat(over).isCloseTo(0.753821489392, within(2e-2));
    }

    @Test
    void theNullBoundaryHoldsTheLargestSizeInsideTheNull() {
        // Röhmel & Mansmann (1999): the supremum over H0: p_c - p_b >= margin sits on the boundary
        // when the region is Barnard-convex. Check points strictly inside the null.
        int nb = 40;
        int nc = 35;
        double margin = 0.05;
        double z = ScoreStatistic.z(3, nb, 5, nc, margin);
        RejectionRegion region = new RejectionRegion(nb, nc, margin, z + 1e-9);
        double p = ExactUnconditionalTest.nonInferiorityPValue(ErrorCount.of(3, nb), ErrorCount.of(5, nc), margin);
        for (double pb = 0; pb <= 0.9; pb += 0.05) {
            for (double gap = margin + 0.01; pb + gap <= 1; gap += 0.04) {
                assertThat(ExactUnconditionalTest.sizeAt(region, nb, nc, pb, pb + gap)).isLessThanOrEqualTo(p + 1e-12);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void countsOfAFewThousandAreAffordable() {
        // About 0.2 s on a 2-core machine; the timeout only guards against a pathological slowdown.
        double p = ExactUnconditionalTest.nonInferiorityPValue(ErrorCount.of(3, 3000), ErrorCount.of(6, 3000), 0.005);
        assertThat(p).isBetween(0.0, 0.05);  // 0.1% vs 0.2%: clearly within half a point
    }

    @Test
    void theExactIntervalIsTheSetOfMarginsNeitherTestRejects() {
        ErrorCount b = ErrorCount.of(1, 120);
        ErrorCount c = ErrorCount.of(4, 100);
        DifferenceEstimate e = ExactUnconditionalTest.interval(b, c, 0.98);
        assertThat(e.method()).isEqualTo("exact unconditional (Chan)");
        assertThat(e.contains(e.estimate())).isTrue();
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(b, c, e.upper())).isLessThanOrEqualTo(0.01);
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(b, c, e.upper() - 1e-4)).isGreaterThan(0.01);
        assertThat(ExactUnconditionalTest.overMarginPValue(b, c, e.lower())).isLessThanOrEqualTo(0.01);
        assertThat(ExactUnconditionalTest.overMarginPValue(b, c, e.lower() + 1e-4)).isGreaterThan(0.01);
        // Close to Newcombe's, which has good coverage at these counts too (Newcombe 1998).
        DifferenceEstimate newcombe = ErrorRateDifference.newcombe(b, c, 0.98);
        assertThat(e.lower()).isCloseTo(newcombe.lower(), within(0.02));
        assertThat(e.upper()).isCloseTo(newcombe.upper(), within(0.02));
    }

    @Test
    void swappingTheSidesNegatesTheExactInterval() {
        ErrorCount a = ErrorCount.of(0, 25);
        ErrorCount b = ErrorCount.of(3, 30);
        DifferenceEstimate ab = ExactUnconditionalTest.interval(a, b, 0.95);
        DifferenceEstimate ba = ExactUnconditionalTest.interval(b, a, 0.95);
        assertThat(ba.lower()).isCloseTo(-ab.upper(), within(1e-6));
        assertThat(ba.upper()).isCloseTo(-ab.lower(), within(1e-6));
    }

    @Test
    void identicalSidesGiveAnExactIntervalContainingZero() {
        ErrorCount same = ErrorCount.of(2, 50);
        assertThat(ExactUnconditionalTest.interval(same, same, 0.98).contains(0)).isTrue();
    }

    @Test
    void noDataNeverRejectsAndBadArgumentsAreRefused() {
        assertThat(ExactUnconditionalTest.nonInferiorityPValue(ErrorCount.of(0, 0), ErrorCount.of(1, 10), 0.05)).isEqualTo(1);
        assertThat(ExactUnconditionalTest.interval(ErrorCount.of(0, 0), ErrorCount.of(1, 10), 0.95).hasData()).isFalse();
        assertThatThrownBy(() -> ExactUnconditionalTest.overMarginPValue(ErrorCount.of(0, 5), ErrorCount.of(1, 5), 1.0))
                .hasMessageContaining("margin must be in (-1, 1) (was 1.0)");
        assertThatThrownBy(() -> ExactUnconditionalTest.nonInferiorityPValue(ErrorCount.of(0, 20_000), ErrorCount.of(1, 5), 0.01))
                .hasMessageContaining("at most 10000 trials per side (was 20000)");
    }
}
