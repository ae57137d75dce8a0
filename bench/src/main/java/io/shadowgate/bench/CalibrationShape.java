package io.shadowgate.bench;

import org.apache.commons.math3.special.Erf;

/**
 * The latency distributions the calibration simulates, each given by its quantile function
 * on the normal-score scale: {@link #millis(double) millis(z)} is the latency whose CDF is
 * Φ(z). A Gaussian copula then only needs normal draws: a value is {@code millis(z)} for a
 * standard normal z, and two correlated normal scores give two correlated latencies with
 * exactly these marginals. Immutable; safe from any thread.
 */
enum CalibrationShape {

    /** Log-normal, median 10 ms, σ = 0.5 (p99 about 32 ms). */
    LOG_NORMAL("log-normal σ 0.5", "lognormal") {
        @Override
        double millis(double z) {
            return 10.0 * Math.exp(0.5 * z);
        }
    },

    /** Pareto, α = 2.5, from 5 ms (p99 about 32 ms; the third moment is already infinite: a heavy tail). */
    PARETO("Pareto α 2.5", "pareto") {
        @Override
        double millis(double z) {
            return 5.0 * Math.pow(upperTail(z), -1 / 2.5);
        }
    },

    /**
     * 80 % log-normal around 10 ms and 20 % around 40 ms (medians 10 and 40 ms, σ = 0.25 each;
     * p99 about 60 ms, in the slow mode). The mixture's quantile function has no closed form,
     * so it is tabulated once, see {@link CalibrationMixtureTable}.
     */
    BIMODAL("bimodal 10/40 ms", "bimodal") {
        @Override
        double millis(double z) {
            return CalibrationMixtureTable.BIMODAL.millis(z);
        }
    };

    private final String label;
    private final String option;

    CalibrationShape(String label, String option) {
        this.label = label;
        this.option = option;
    }

    /** The latency, ms, at probability Φ(z). Increasing in z. */
    abstract double millis(double z);

    /** Short name for tables. */
    String label() {
        return label;
    }

    /** Name on the command line ({@code --shapes}). */
    String option() {
        return option;
    }

    /** 1 − Φ(z), accurate far into the upper tail (no cancellation). */
    static double upperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }
}
