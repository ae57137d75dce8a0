package io.shadowgate.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wilson's interval against values computed independently, and against commons-math. */
class WilsonIntervalTest {

    /**
     * Known answers from Python 3.11 standard library only (the textbook proportion form of the
     * formula, not the count form used in the code):
     * <pre>
     * from statistics import NormalDist; import math
     * def wilson(x, n, conf):
     *     z = NormalDist().inv_cdf((1 + conf) / 2); p = x / n
     *     c = (p + z*z/(2*n)) / (1 + z*z/n)
     *     h = z / (1 + z*z/n) * math.sqrt(p*(1-p)/n + z*z/(4*n*n))
     *     return max(c - h, 0), min(c + h, 1)
     * </pre>
     */
    @ParameterizedTest(name = "{0} of {1} at {2}")
    @CsvSource({
        // x,    n,       confidence, lower,             upper
        "0,      100,     0.98,  0.000000000000000, 0.051340453183811",  // no successes: lower is 0
        "37,     200,     0.98,  0.129728124180112, 0.256870201350198",
        "200,    1000,    0.98,  0.172223506683150, 0.231006151406851",
        "1,      1,       0.95,  0.206549314377237, 1.000000000000000",  // one trial
        "5,      5,       0.99,  0.429741678972991, 1.000000000000000",  // n of n
        "3,      10,      0.95,  0.107791267406301, 0.603221852538855",
        "123456, 9876543, 0.999, 0.012384125309171, 0.012616784104899",  // large n
    })
    void matchesAnIndependentPythonComputation(long x, long n, double confidence, double lower, double upper) {
        WilsonInterval w = WilsonInterval.of(x, n, confidence);
        assertThat(w.lower()).isCloseTo(lower, within(1e-12));
        assertThat(w.upper()).isCloseTo(upper, within(1e-12));
        assertThat(w.confidence()).isEqualTo(confidence);
    }

    @Test
    void agreesWithCommonsMathWhereItsIntArgumentsReach() {
        WilsonScoreInterval commons = new WilsonScoreInterval();
        for (int n : new int[] {1, 7, 50, 333, 10_000}) {
            for (int x = 0; x <= n; x += Math.max(1, n / 7)) {
                ConfidenceInterval expected = commons.createInterval(n, x, 0.98);
                WilsonInterval w = WilsonInterval.of(x, n, 0.98);
                assertThat(w.lower()).as("%d of %d", x, n).isCloseTo(Math.max(0, expected.getLowerBound()), within(1e-12));
                assertThat(w.upper()).as("%d of %d", x, n).isCloseTo(Math.min(1, expected.getUpperBound()), within(1e-12));
            }
        }
    }

    @Test
    void noTrialsMeansNothingIsKnown() {
        WilsonInterval w = WilsonInterval.of(0, 0, 0.98);
        assertThat(w.lower()).isZero();
        assertThat(w.upper()).isEqualTo(1);
    }

    @Test
    void countsBeyondIntRangeWork() {
        long n = 5_000_000_000L;
        WilsonInterval w = WilsonInterval.of(n / 100, n, 0.98);
        assertThat(w.lower()).isLessThan(0.01).isCloseTo(0.01, within(1e-5));
        assertThat(w.upper()).isGreaterThan(0.01).isCloseTo(0.01, within(1e-5));
    }

    @Test
    void rejectsImpossibleCountsAndLevels() {
        assertThatThrownBy(() -> WilsonInterval.of(3, 2, 0.95)).hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> WilsonInterval.of(1, 2, 1.0)).hasMessageContaining("confidence must be in (0, 1)");
    }
}
