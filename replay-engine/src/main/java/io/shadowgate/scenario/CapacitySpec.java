package io.shadowgate.scenario;

import java.time.Duration;

/**
 * Capacity mode: along a ramping rate, each version's knee, the highest rate at which each
 * absolute budget (the latency gates' {@code maxMs}, and {@code maxErrorRate}) still holds,
 * judged on windows of {@code window}.
 *
 * @param window       length of each judged window; each should hold one rate level
 * @param maxErrorRate the error rate a version may have at a rate it is said to sustain
 */
public record CapacitySpec(Duration window, double maxErrorRate) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
}
