package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.Histograms;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class QuantileBoundsTest {

    /** Values 1..n ms, one each: the value at rank k is k ms. */
    private static Histogram oneToN(int n) {
        Histogram h = Histograms.newHistogram();
        for (int i = 1; i <= n; i++) {
            h.recordValue(i * 1_000L);
        }
        return h;
    }

    /**
     * Known answer (e.g. Hahn and Meeker, Table A.15; or R: qbinom(0.95, 100, 0.5) + 1 = 59): for
     * n = 100 the one-sided 95 % bounds on the median are the 42nd and 59th order statistics.
     */
    @Test
    void theMedianOfAHundredIsBoundedByTheFortySecondAndFiftyNinthValues() {
        QuantileBounds.Result r = QuantileBounds.of(oneToN(100), 50);

        // Histogram buckets hold values to within 0.1 %.
        assertThat(r.upper(0.95)).isCloseTo(59.0, within(0.1));
        assertThat(r.lower(0.95)).isCloseTo(42.0, within(0.1));
        assertThat(r.estimate()).isCloseTo(50.0, within(0.1));
    }

    @Test
    void tooFewSamplesForTheConfidenceGiveAnOpenBound() {
        QuantileBounds.Result r = QuantileBounds.of(oneToN(20), 99);

        assertThat(r.upper(0.99)).isInfinite();
        assertThat(r.lower(0.99)).isGreaterThan(0);
    }

    /** Coverage: exponential latencies (mean 10 ms), 500 samples, one-sided 90 % upper bound on p90. */
    @Test
    void theUpperBoundCoversTheTrueQuantileAsOftenAsItsConfidenceSays() {
        double trueP90 = -10 * Math.log(0.10);
        SplittableRandom random = new SplittableRandom(3);
        int covered = 0;
        for (int e = 0; e < 400; e++) {
            Histogram h = Histograms.newHistogram();
            for (int i = 0; i < 500; i++) {
                h.recordValue(Math.max(1, Math.round(-10_000 * Math.log(1 - random.nextDouble()))));
            }
            if (QuantileBounds.of(h, 90).upper(0.90) >= trueP90) {
                covered++;
            }
        }
        // Order-statistic bounds are conservative (discrete ranks), so coverage is at least the level.
        assertThat(covered / 400.0).isBetween(0.87, 0.97);
    }
}
