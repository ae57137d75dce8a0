package io.shadowgate.scenario;

/**
 * The error-rate gate. Errors are 5xx responses, timeouts and connection errors.
 *
 * @param maxIncrease largest allowed increase, as a fraction in absolute (percentage-point)
 *                    terms: 0.005 allows the candidate 0.5 points more errors than the baseline
 */
public record ErrorRateGate(double maxIncrease) {
}
