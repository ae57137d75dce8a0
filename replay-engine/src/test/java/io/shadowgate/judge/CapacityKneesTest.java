package io.shadowgate.judge;

import static io.shadowgate.judge.RampWindows.errors;
import static io.shadowgate.judge.RampWindows.evenSpread;
import static io.shadowgate.judge.RampWindows.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.WindowSample;
import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;

/**
 * Known answers on synthetic ramps: 15 windows of 5 s at 200, 400, … 3000 req/s, so window j
 * holds 5 × rate samples. Latency windows are spread evenly so their p99 is exactly what the
 * row says; error windows carry exact counts.
 */
class CapacityKneesTest {

    private static final double SECONDS = 5;
    private static final double C = 0.99;
    private static final long MIN_SAMPLES = 200;

    /** The ramp's windows, the baseline's and candidate's p99 (ms) a function of the rate. */
    private static List<WindowSample> latencyRamp(DoubleUnaryOperator baselineP99, DoubleUnaryOperator candidateP99) {
        List<WindowSample> windows = new ArrayList<>();
        for (int j = 0; j < 15; j++) {
            double rate = 200 * (j + 1);
            long n = Math.round(rate * SECONDS);
            windows.add(window(j, SECONDS, evenSpread(n, baselineP99.applyAsDouble(rate)),
                    evenSpread(n, candidateP99.applyAsDouble(rate))));
        }
        return windows;
    }

    private static CapacityCurves p99Under(double maxMs, List<WindowSample> windows) {
        return CapacityKnees.find(windows, List.of(CapacityBudget.latency(99, maxMs)), C, MIN_SAMPLES).get(0);
    }

    /**
     * The candidate's p99 is 10 ms + 0.02 ms per req/s: 46 ms at 1800 req/s, 50 ms at 2000, so a
     * 47 ms budget is met up to 1850 req/s. Its interval, by hand: 15 windows, so each bound is at
     * 1 − 0.01/30; at 1800 req/s (9000 samples) the upper bound is the sample of rank
     * 1 + the Binomial(9000, 0.99) quantile at that level, 8943, about 46.2 ms: shown to hold; at
     * 2000 req/s the lower bound is near 49.8 ms: shown breached.
     */
    @Test
    void aP99RisingWithTheRateHasItsKneeWhereItMeetsTheBudget() {
        CapacityCurves curves = p99Under(47, latencyRamp(rate -> 10 + 0.005 * rate, rate -> 10 + 0.02 * rate));
        CapacityCurve candidate = curves.candidate();
        Knee knee = candidate.knee();

        assertThat(knee.kind()).isEqualTo(Knee.Kind.WITHIN_RAMP);
        // Histogram buckets hold values to 0.1 %: 0.05 ms at 50 ms, 2.5 req/s on this slope.
        assertThat(knee.estimate()).isCloseTo(1850, within(3.0));
        assertThat(knee.lower()).isEqualTo(1800);
        assertThat(knee.upper()).isEqualTo(2000);
        assertThat(knee.confidence()).isEqualTo(C);
        assertThat(knee.statement()).matches("knee at about 18(4[7-9]|5[0-3]) req/s; 99% interval 1800 to 2000 req/s");
        assertThat(knee.note()).isEmpty();
        assertThat(candidate.level()).isCloseTo(1 - 0.01 / 30, within(1e-12));

        CapacityPoint at1800 = candidate.points().get(8);
        long rank = smallestRankAtOrAbove(9000, 0.99, candidate.level());
        assertThat(at1800.rate()).isEqualTo(1800);
        assertThat(at1800.estimate()).isCloseTo(46, within(0.05));
        assertThat(at1800.upper()).isCloseTo(rank / 9000.0 * 46 / 0.99, within(0.05));
        assertThat(at1800.status()).isEqualTo(CapacityPoint.Status.HOLDS);
        assertThat(candidate.points().get(9).status()).isEqualTo(CapacityPoint.Status.BREACHED);
        assertThat(knee.rule()).contains("Bonferroni", "W = 15 windows", "47.0 ms", "order-statistic");
    }

    /** The baseline of the same run, p99 10 ms + 0.005 ms per req/s, is at 25 ms at the top of the ramp. */
    @Test
    void aVersionThatNeverBreachesHasItsKneeAboveTheRamp() {
        Knee knee = p99Under(47, latencyRamp(rate -> 10 + 0.005 * rate, rate -> 10 + 0.02 * rate)).baseline().knee();

        assertThat(knee.kind()).isEqualTo(Knee.Kind.ABOVE_RAMP);
        assertThat(knee.estimate()).isNaN();
        assertThat(knee.lower()).isEqualTo(3000);
        assertThat(knee.upper()).isInfinite();
        assertThat(knee.statement()).isEqualTo("knee above 3000 req/s, the highest rate tested; 99% interval from "
                + "3000 req/s up (no window was shown to breach the budget)");
    }

    @Test
    void aVersionOverBudgetFromTheFirstWindowHasItsKneeBelowTheRamp() {
        Knee knee = p99Under(47, latencyRamp(rate -> 10, rate -> 60 + 0.01 * rate)).candidate().knee();

        assertThat(knee.kind()).isEqualTo(Knee.Kind.BELOW_RAMP);
        assertThat(knee.lower()).isZero();
        assertThat(knee.upper()).isEqualTo(200);
        assertThat(knee.statement()).isEqualTo("knee below 200 req/s, the lowest rate tested; 99% interval below "
                + "200 req/s (no window below it was shown to hold)");
    }

    /**
     * Rows: windows under minSamples; windows over it but with fewer than ten samples beyond
     * the p99 (500 samples, p99 needs 1000); a ramp where only the later windows are big enough,
     * which spend the error budget over those alone.
     */
    @Test
    void windowsWithTooFewSamplesSayNothing() {
        List<WindowSample> tiny = new ArrayList<>();
        List<WindowSample> shortTail = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            tiny.add(window(j, 0.5, evenSpread(100, 10), evenSpread(100, 10)));
            shortTail.add(window(j, 0.5, evenSpread(500, 10), evenSpread(500, 10)));
        }

        CapacityCurve none = p99Under(47, tiny).candidate();
        CapacityCurve thin = p99Under(47, shortTail).baseline();
        CapacityCurve partly = p99Under(47, latencyRamp(rate -> 10, rate -> 10)).candidate();

        assertThat(none.knee().kind()).isEqualTo(Knee.Kind.NO_DATA);
        assertThat(none.points()).hasSize(5).allMatch(p -> p.status() == CapacityPoint.Status.TOO_FEW)
                .allMatch(p -> Double.isNaN(p.lower()) && Double.isNaN(p.upper()));
        assertThat(none.knee().statement()).isEqualTo("no knee: no window had enough data "
                + "(the largest had only 100 latency samples, at least 200 needed)");
        assertThat(none.knee().upper()).isInfinite();
        assertThat(none.level()).isNaN();
        assertThat(thin.knee().kind()).isEqualTo(Knee.Kind.NO_DATA);
        assertThat(thin.knee().statement()).contains("p99 needs at least 1000 (10 beyond it)");
        // 1000 samples (200 req/s × 5 s) and up: all 15 windows count; at 0.5 s only none would.
        assertThat(partly.level()).isCloseTo(1 - 0.01 / 30, within(1e-12));
    }

    @Test
    void onlyWindowsWithEnoughSamplesShareTheErrorBudget() {
        List<WindowSample> windows = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            // The first four windows have 500 samples: too few for a p99.
            long n = j < 4 ? 500 : 2000;
            windows.add(window(j, 1, evenSpread(n, 10), evenSpread(n, 10)));
        }

        CapacityCurve curve = p99Under(47, windows).candidate();

        assertThat(curve.level()).isCloseTo(1 - 0.01 / 12, within(1e-12));
        assertThat(curve.points().stream().filter(CapacityPoint::informative)).hasSize(6);
        assertThat(curve.knee().rule()).contains("W = 6 windows");
    }

    /**
     * The error rate is rate / 190,000 (0.947 % at 1800 req/s, 1.05 % at 2000): a 1 % cap is
     * met up to 1800 + 200 × (1 − 0.9444)/(1.0500 − 0.9444) = 1905.3 req/s. Wilson bounds at
     * 1 − 0.01/30 each (z = 3.403), computed by hand: the upper bound is 0.998 % at 1000 req/s
     * (26 errors in 5000), above 1 % from 1200 req/s up; the lower bound first passes 1 % at
     * 2600 req/s (1.063 %, 178 in 13,000).
     */
    @Test
    void anErrorRateKneeUsesWilsonBounds() {
        List<WindowSample> windows = new ArrayList<>();
        for (int j = 0; j < 15; j++) {
            double rate = 200 * (j + 1);
            long n = Math.round(rate * SECONDS);
            windows.add(window(j, SECONDS, errors(n, 0), errors(n, Math.round(n * rate / 190_000))));
        }

        CapacityCurves curves = CapacityKnees.find(windows, List.of(CapacityBudget.errorRate(0.01)), C, MIN_SAMPLES).get(0);
        CapacityCurve candidate = curves.candidate();

        assertThat(candidate.knee().estimate()).isCloseTo(1905.26, within(0.01));
        assertThat(candidate.knee().lower()).isEqualTo(1000);
        assertThat(candidate.knee().upper()).isEqualTo(2600);
        CapacityPoint at2600 = candidate.points().get(12);
        // commons-math's Wilson interval, two-sided at 1 − 0.01/15, has each bound at 1 − 0.01/30.
        ConfidenceInterval wilson = new WilsonScoreInterval().createInterval(13_000, 178, 1 - 0.01 / 15);
        assertThat(at2600.lower()).isCloseTo(wilson.getLowerBound(), within(1e-9)).isCloseTo(0.01063, within(1e-5));
        assertThat(at2600.upper()).isCloseTo(wilson.getUpperBound(), within(1e-9));
        assertThat(at2600.estimate()).isEqualTo(178 / 13_000.0);
        assertThat(candidate.knee().rule()).contains("Wilson");
        // No errors at all: the baseline holds everywhere Wilson can show it (not at 1000 requests: 0.34 % … 1.15 %).
        assertThat(curves.baseline().knee().kind()).isEqualTo(Knee.Kind.ABOVE_RAMP);
        assertThat(curves.baseline().knee().lower()).isEqualTo(3000);
        assertThat(curves.baseline().points().get(0).status()).isEqualTo(CapacityPoint.Status.UNDECIDED);
    }

    /**
     * The candidate's p99 crosses 47 ms at 1000 req/s for one window (47.2 ms), falls back,
     * then crosses for good between 1800 and 2000. The monotone fit pools the blip with the
     * windows after it (40.0 ms over 1000 and 1200 req/s, 39.2 ms with 1400), so the knee stays
     * at 1850 req/s; the note says the estimates cross more than once.
     */
    @Test
    void estimatesCrossingTheBudgetMoreThanOnceAreNotedAndTheirMonotoneFitGivesTheKnee() {
        CapacityCurve candidate = p99Under(47, latencyRamp(rate -> 10,
                rate -> rate == 1000 ? 47.2 : 10 + 0.02 * rate)).candidate();

        assertThat(candidate.knee().kind()).isEqualTo(Knee.Kind.WITHIN_RAMP);
        assertThat(candidate.knee().estimate()).isCloseTo(1850, within(3.0));
        assertThat(candidate.knee().note()).startsWith("the latency p99 estimate crosses the 47.0 ms budget 3 times "
                + "along the ramp (at about 9");
        // 47.2 ms on 5000 samples is not shown over 47 ms (its lower bound is near 46.97 ms), so the interval stands.
        assertThat(candidate.knee().upper()).isEqualTo(2000);
    }

    /** Every other window over the budget from 1000 to 3000 req/s: 11 crossings, the first six listed. */
    @Test
    void aNoteListsTheFirstCrossingsOnly() {
        CapacityCurve candidate = p99Under(47, latencyRamp(rate -> 10,
                rate -> rate >= 1000 && rate % 400 == 200 ? 47.1 : 46.9)).candidate();

        assertThat(candidate.knee().note()).contains("crosses the 47.0 ms budget 11 times").contains(" and 5 more req/s)");
    }

    @Test
    void aWindowShownToHoldAboveAShownBreachIsNoted() {
        CapacityCurve candidate = p99Under(47, latencyRamp(rate -> 10,
                rate -> rate == 600 ? 80 : 10 + 0.02 * rate)).candidate();

        assertThat(candidate.knee().upper()).isEqualTo(600);
        assertThat(candidate.knee().lower()).isEqualTo(400);
        assertThat(candidate.knee().estimate()).isCloseTo(1850, within(3.0));
        assertThat(candidate.knee().note()).contains("shown to hold at 1800 req/s, above the first shown breach at 600 req/s");
    }

    @Test
    void budgetsComeFromTheGatesThatHaveAnAbsoluteLimit() {
        Map<Double, LatencyGate> gates = new LinkedHashMap<>();
        gates.put(99.9, new LatencyGate(null, 800.0));
        gates.put(50.0, new LatencyGate(0.1, null));
        gates.put(99.0, new LatencyGate(0.1, 250.0));

        assertThat(CapacityBudget.of(gates, 0.01)).containsExactly(CapacityBudget.latency(99, 250),
                CapacityBudget.latency(99.9, 800), CapacityBudget.errorRate(0.01));
        assertThat(CapacityBudget.latency(99.9, 800).name()).isEqualTo("latency p99.9");
        assertThat(CapacityBudget.errorRate(0.01).name()).isEqualTo("error rate");
        assertThatThrownBy(() -> CapacityBudget.errorRate(1.5))
                .hasMessageContaining("maxErrorRate must be in (0, 1)");
        assertThatThrownBy(() -> CapacityKnees.find(List.of(), List.of(), 1.0, 200))
                .hasMessageContaining("confidence must be in (0, 1)");
    }

    /** The smallest rank k with P(Binomial(n, q) ≤ k − 1) ≥ level, found by walking the distribution. */
    private static long smallestRankAtOrAbove(int n, double q, double level) {
        BinomialDistribution b = new BinomialDistribution(null, n, q);
        int k = 1;
        while (b.cumulativeProbability(k - 1) < level) {
            k++;
        }
        return k;
    }
}
