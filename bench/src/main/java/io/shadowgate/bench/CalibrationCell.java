package io.shadowgate.bench;

import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One cell of the calibration table: a kind of gate, a population, a size and a scenario
 * (how much worse the candidate truly is). It knows its gates and how to simulate one
 * experiment's traffic; judging, running and counting are the harness's job.
 */
sealed interface CalibrationCell {

    /** {@code latency} or {@code error}. */
    String kind();

    /** What is simulated, e.g. {@code Pareto α 2.5} or {@code baseline 1 %}. */
    String population();

    /** Request pairs (latency), or requests per side (error rate). */
    int n();

    CalibrationScenario scenario();

    /** The candidate's truth, e.g. {@code ×1.10} or {@code 1.5 %}. */
    String candidate();

    /** The gates the judge applies: exactly one. */
    Gates gates(double confidence);

    /** One experiment's traffic, all {@link #n()} requests, drawn from {@code random}. */
    CalibrationSample simulate(SplittableRandom random);

    /**
     * Seeds the simulated traffic: the same for the three scenarios of one population and
     * size, so they see the same draws with only the candidate shifted (common random numbers).
     */
    default long family() {
        return (kind() + "|" + population() + "|" + n()).hashCode();
    }

    /** The p99 latency gate, on shadow-traffic pairs of one shape. */
    record Latency(CalibrationShape shape, int n, CalibrationScenario scenario) implements CalibrationCell {

        @Override
        public String kind() {
            return "latency";
        }

        @Override
        public String population() {
            return shape.label();
        }

        /** The candidate's latency over the baseline's, at every percentile. */
        double scale() {
            return 1 + scenario.margins() * CalibrationOptions.LATENCY_MARGIN;
        }

        @Override
        public String candidate() {
            return String.format(Locale.ROOT, "×%.2f", scale());
        }

        @Override
        public Gates gates(double confidence) {
            return new Gates(CalibrationOptions.MIN_SAMPLES,
                    Map.of(CalibrationOptions.LATENCY_PERCENTILE, new LatencyGate(CalibrationOptions.LATENCY_MARGIN, null)),
                    null, confidence);
        }

        @Override
        public CalibrationSample simulate(SplittableRandom random) {
            return CalibrationTraffic.latency(shape, n, scale(), CalibrationOptions.PAIR_CORRELATION, random);
        }
    }

    /** The error-rate gate, on binomial error counts. */
    record ErrorRate(double baselineRate, int n, CalibrationScenario scenario) implements CalibrationCell {

        @Override
        public String kind() {
            return "error";
        }

        @Override
        public String population() {
            return "baseline " + percent(baselineRate);
        }

        double candidateRate() {
            return baselineRate + scenario.margins() * CalibrationOptions.ERROR_MARGIN;
        }

        @Override
        public String candidate() {
            return percent(candidateRate());
        }

        @Override
        public Gates gates(double confidence) {
            return new Gates(CalibrationOptions.MIN_SAMPLES, Map.of(),
                    new ErrorRateGate(CalibrationOptions.ERROR_MARGIN), confidence);
        }

        @Override
        public CalibrationSample simulate(SplittableRandom random) {
            return CalibrationTraffic.errors(n, baselineRate, candidateRate(), random);
        }

        private static String percent(double rate) {
            String digits = String.format(Locale.ROOT, "%.4f", rate * 100);
            return new BigDecimal(digits).stripTrailingZeros().toPlainString() + " %";
        }
    }
}
