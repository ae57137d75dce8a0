package io.shadowgate.bench;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A rate observed in simulated experiments, with its exact (Clopper-Pearson) 95 % binomial
 * interval: the interval covers the true rate at least 95 % of the time whatever the rate,
 * including at 0 or all of the runs. Immutable.
 *
 * @param count  runs with the outcome
 * @param trials runs in all, at least 1
 */
record CalibrationRate(long count, long trials) {

    static final double CONFIDENCE = 0.95;

    CalibrationRate {
        if (trials < 1 || count < 0 || count > trials) {
            throw new IllegalArgumentException("need 0 <= count <= trials and trials >= 1 (were " + count + ", "
                    + trials + ")");
        }
    }

    double rate() {
        return (double) count / trials;
    }

    double lower() {
        double tail = (1 - CONFIDENCE) / 2;
        return count == 0 ? 0 : new BetaDistribution(null, count, trials - count + 1).inverseCumulativeProbability(tail);
    }

    double upper() {
        double tail = (1 - CONFIDENCE) / 2;
        return count == trials ? 1
                : new BetaDistribution(null, count + 1, trials - count).inverseCumulativeProbability(1 - tail);
    }
}
