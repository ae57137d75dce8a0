package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.WindowSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Coverage: many ramps drawn from a model with a known knee; the stated interval must contain
 * it at least as often as its confidence says. Each ramp has 29 windows of 2 s at 200, 300,
 * … 3000 req/s, held steady within a window; the knee is at 1550 req/s, between two windows.
 * Seeded, so the test is repeatable; a few seconds in all.
 */
class CapacityKneesCoverageTest {

    private static final int RAMPS = 300;
    private static final double C = 0.9;
    private static final double KNEE = 1550;
    private static final double SECONDS = 2;

    /**
     * Latency exponential with its p99 at 20 ms + 0.03 ms per req/s, so p99 = 66.5 ms at the knee.
     * Windows under 500 req/s have fewer than 1000 samples and say nothing about a p99.
     */
    @Test
    void theLatencyKneeIntervalCoversTheTrueKneeAtLeastAsOftenAsItsConfidence() {
        SplittableRandom random = new SplittableRandom(7);
        CapacityBudget budget = CapacityBudget.latency(99, 20 + 0.03 * KNEE);
        Coverage coverage = new Coverage();
        for (int ramp = 0; ramp < RAMPS; ramp++) {
            List<WindowSample> windows = new ArrayList<>();
            for (int j = 0; j < 29; j++) {
                double rate = 200 + 100 * j;
                double meanMicros = (20 + 0.03 * rate) / Math.log(100) * 1_000;
                Histogram h = Histograms.newHistogram();
                for (long i = Math.round(rate * SECONDS); i > 0; i--) {
                    h.recordValue(Math.max(1, Math.round(-meanMicros * Math.log(1 - random.nextDouble()))));
                }
                RampWindows.Side side = RampWindows.latencies(h);
                windows.add(RampWindows.window(j, SECONDS, side, side));
            }
            coverage.add(CapacityKnees.find(windows, List.of(budget), C, 200).get(0).candidate());
        }

        assertThat(coverage.covered()).isGreaterThanOrEqualTo(C - 3 * Math.sqrt(C * (1 - C) / RAMPS));
        assertThat(coverage.meanEstimate()).isCloseTo(KNEE, within(0.03 * KNEE));
        assertThat(coverage.found).isEqualTo(RAMPS);
    }

    /** Error rate 1 % × rate / 1550: 1 % at the knee. */
    @Test
    void theErrorRateKneeIntervalCoversTheTrueKneeAtLeastAsOftenAsItsConfidence() {
        Well19937c random = new Well19937c(11);
        Coverage coverage = new Coverage();
        for (int ramp = 0; ramp < RAMPS; ramp++) {
            List<WindowSample> windows = new ArrayList<>();
            for (int j = 0; j < 29; j++) {
                double rate = 200 + 100 * j;
                int n = (int) Math.round(rate * SECONDS);
                int errors = new BinomialDistribution(random, n, 0.01 * rate / KNEE).sample();
                RampWindows.Side side = RampWindows.errors(n, errors);
                windows.add(RampWindows.window(j, SECONDS, side, side));
            }
            coverage.add(CapacityKnees.find(windows, List.of(CapacityBudget.errorRate(0.01)), C, 200).get(0).candidate());
        }

        assertThat(coverage.covered()).isGreaterThanOrEqualTo(C - 3 * Math.sqrt(C * (1 - C) / RAMPS));
        assertThat(coverage.meanEstimate()).isCloseTo(KNEE, within(0.05 * KNEE));
    }

    /** How often the intervals held the knee, and the mean of the estimates found within the ramp. */
    private static final class Coverage {
        private int ramps;
        private int covering;
        private int found;
        private double estimates;

        void add(CapacityCurve curve) {
            Knee knee = curve.knee();
            ramps++;
            if (knee.lower() <= KNEE && KNEE < knee.upper()) {
                covering++;
            }
            if (knee.kind() == Knee.Kind.WITHIN_RAMP) {
                found++;
                estimates += knee.estimate();
            }
        }

        double covered() {
            return (double) covering / ramps;
        }

        double meanEstimate() {
            return estimates / found;
        }
    }
}
