package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LooksTest {

    private static final double C = 0.99;
    private static final double ALPHA = 1 - C;

    /** The shares of looks 1..{@code looks} and of the closing judgement after them, added up. */
    private static double spentInAll(double confidence, int looks, int planned) {
        double spent = 0;
        for (int j = 1; j <= looks; j++) {
            spent += Looks.share(confidence, j, planned);
        }
        return spent + 1 - Looks.closing(confidence, looks, planned);
    }

    @Test
    void withoutAPlanLookJSpendsOneOverJTimesJPlusOneAsBefore() {
        // Rows: look j spends (1 - C)/(j(j+1)): 1/2, 1/6, 1/12 ... of the 1 % budget; the closing
        // judgement after m looks 1/(m+1). Unchanged from the rule before planned looks, bit for bit,
        // for "no plan" (0) and a plan of one window (1).
        for (int planned : new int[] {0, 1}) {
            assertThat(Looks.interim(C, 1, planned)).isEqualTo(1 - 0.01 / 2);
            for (int j = 1; j <= 200; j++) {
                assertThat(Looks.interim(C, j, planned)).isEqualTo(1 - (1 - C) / ((double) j * (j + 1)));
                assertThat(Looks.closing(C, j, planned)).isEqualTo(1 - (1 - C) / (j + 1.0));
                assertThat(Looks.judged(C, j, planned)).isTrue();
            }
            assertThat(Looks.interim(C, 2, planned)).isCloseTo(1 - 0.01 / 6, within(1e-12));
            assertThat(Looks.interim(C, 3, planned)).isCloseTo(1 - 0.01 / 12, within(1e-12));
            for (int m = 0; m <= 1000; m += 37) {
                // The closing judgement gets exactly what the m looks left.
                assertThat(spentInAll(C, m, planned)).isCloseTo(0.01, within(1e-12));
            }
        }
    }

    /**
     * alpha(t) = 2 - 2 Phi(z(1 - alpha/2)/sqrt t). Expected values from scipy 1.17.1:
     * {@code python3 -c 'from scipy.stats import norm; import math; a = 1 - C; z = norm.isf(a/2);
     * print(2*norm.sf(z/math.sqrt(j/m)))'}.
     */
    @Test
    void theSpendingFunctionHasItsKnownValues() {
        // Rows: confidence, look, planned, alpha(look/planned).
        double[][] rows = {
                {0.99, 2, 20, 3.7775698274450285e-16},
                {0.99, 1, 5, 8.4248878370072e-09},
                {0.99, 4, 20, 8.4248878370072e-09},
                {0.99, 1, 2, 0.0002697169566314835},
                {0.99, 5, 10, 0.0002697169566314835},
                {0.99, 4, 5, 0.003978458508916265},
                {0.99, 19, 20, 0.008223691926416267},
                {0.95, 2, 20, 5.720318790425403e-10},
                {0.95, 1, 5, 1.1726446842521156e-05},
                {0.95, 1, 2, 0.005574596680784415},
                {0.95, 4, 5, 0.028429630753072702},
                {0.95, 19, 20, 0.044338067953992824},
        };
        for (double[] r : rows) {
            assertThat(Looks.spending(r[0], (int) r[1], (int) r[2])).as("alpha(%s/%s) at C %s", r[1], r[2], r[0])
                    .isCloseTo(r[3], withinPercentage(1e-4));
        }
        // alpha(1) = alpha, and so is every t beyond.
        assertThat(Looks.spending(C, 20, 20)).isEqualTo(ALPHA);
        assertThat(Looks.spending(C, 25, 20)).isEqualTo(ALPHA);
    }

    @Test
    void withAPlanTheLooksAndTheClosingJudgementSpendExactlyTheBudget() {
        for (int m : new int[] {2, 3, 5, 10, 20, 50, 180, 1000}) {
            for (int looks = 0; looks < m; looks += 1 + looks / 5) {
                assertThat(spentInAll(C, looks, m)).as("m %d, %d looks", m, looks).isCloseTo(ALPHA, within(1e-15));
                assertThat(spentInAll(0.95, looks, m)).as("m %d, %d looks at 95 %%", m, looks)
                        .isCloseTo(0.05, within(1e-15));
            }
        }
    }

    /**
     * At C = 0.99 and m = 5: looks 1..4 spend alpha(j/5) - alpha((j-1)/5), 8.4e-9, 4.6e-5, 8.4e-4,
     * 3.1e-3, and the closing judgement after them 1 % - alpha(4/5) = 6.0e-3 (scipy, as above).
     */
    @Test
    void fiveLooksSpendAlmostNothingEarlyAndMostAtTheEnd() {
        double[] shares = {8.424887837007136e-09, 4.645411289200817e-05, 0.0008365142495712264,
                0.0030954817215651854, 0.006021541491083743};
        for (int j = 1; j <= 4; j++) {
            assertThat(Looks.share(C, j, 5)).as("look %d", j).isPositive().isCloseTo(shares[j - 1], withinPercentage(1e-4));
            assertThat(Looks.interim(C, j, 5)).isEqualTo(1 - Looks.share(C, j, 5));
        }
        assertThat(1 - Looks.closing(C, 4, 5)).isCloseTo(shares[4], withinPercentage(1e-4));
    }

    @Test
    void theSpendingGrowsAndWhatIsLeftShrinksLookByLook() {
        for (int m : new int[] {2, 5, 20, 180}) {
            double before = 0;
            double share = 0;
            double closing = C;
            for (int j = 1; j < m; j++) {
                double upTo = Looks.spending(C, j, m);
                assertThat(upTo).isGreaterThan(before);
                before = upTo;
                // At C = 0.99 alpha'(t) grows on (0, 1] (it peaks at t = z^2/3 = 2.2), so do the shares.
                double next = Looks.share(C, j, m);
                assertThat(next).isGreaterThanOrEqualTo(share);
                share = next;
                // A skipped look spends nothing, so leaves the closing judgement as much as before.
                assertThat(Looks.closing(C, j, m)).isGreaterThanOrEqualTo(closing);
                if (Looks.judged(C, j, m)) {
                    assertThat(Looks.closing(C, j, m)).isGreaterThan(closing);
                }
                closing = Looks.closing(C, j, m);
            }
            assertThat(Looks.spending(C, m, m)).isGreaterThan(before);
        }
    }

    /**
     * A look whose share would be below 1e-10 is not judged (its level would round to 1) and
     * leaves its share to the next: at m = 20 the first three (alpha(3/20) = 2.9e-11), and look
     * 4 spends alpha(4/20) = 8.4e-9 in all. Every look that is judged spends at least 1e-10.
     */
    @Test
    void looksTooEarlyToSpendAnythingAreSkippedAndPassTheirShareOn() {
        for (int j = 1; j <= 3; j++) {
            assertThat(Looks.judged(C, j, 20)).isFalse();
            assertThat(Looks.share(C, j, 20)).isZero();
            assertThat(Looks.interim(C, j, 20)).isEqualTo(1);
        }
        assertThat(Looks.share(C, 4, 20)).isCloseTo(8.4248878370072e-09, withinPercentage(1e-4));
        for (int m : new int[] {2, 5, 20, 180, 1000}) {
            for (int j = 1; j < m; j += 1 + j / 50) {
                double share = Looks.share(C, j, m);
                assertThat(share == 0 || share >= Looks.MIN_SHARE).isTrue();
                assertThat(Looks.judged(C, j, m)).isEqualTo(share > 0);
            }
            // The closing judgement always has something, and a level below 1.
            assertThat(Looks.closing(C, m - 1, m)).isLessThan(1);
        }
        for (int m : new int[] {2, 3, 4, 5}) {
            for (int j = 1; j < m; j++) {
                assertThat(Looks.judged(C, j, m)).as("look %d of %d", j, m).isTrue();
            }
        }
    }

    /**
     * Looks at or beyond the plan's last share what the looks before it left, T, as an unplanned
     * run shares the whole budget: T/2, T/6, ..., and the closing judgement after them T/(i+1).
     */
    @Test
    void looksBeyondThePlanShareWhatWasLeftAndTheTotalStaysWithinTheBudget() {
        int m = 5;
        double left = 1 - Looks.closing(C, m - 1, m);
        assertThat(Looks.share(C, m, m)).isCloseTo(left / 2, within(1e-16));
        assertThat(Looks.share(C, m + 1, m)).isCloseTo(left / 6, within(1e-16));
        assertThat(1 - Looks.closing(C, m, m)).isCloseTo(left / 2, within(1e-16));
        assertThat(1 - Looks.closing(C, m + 2, m)).isCloseTo(left / 4, within(1e-16));
        for (int planned : new int[] {2, 5, 20}) {
            for (int looks = planned; looks <= planned + 1000; looks += 97) {
                assertThat(spentInAll(C, looks, planned)).isCloseTo(ALPHA, within(1e-15));
                assertThat(Looks.judged(C, looks, planned)).isTrue();
            }
        }
    }

    @Test
    void aLookIsCountedFromOne() {
        assertThatThrownBy(() -> Looks.share(C, 0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("look must be at least 1 (was 0)");
    }
}
