package io.shadowgate.scenario;

import java.util.Map;

/**
 * The acceptance criteria the candidate must meet against the baseline.
 *
 * @param minSamples fewest responses per target below which no gate can decide
 * @param latency    by percentile ({@code 50}, {@code 99}, {@code 99.9} …): the allowed increase
 *                   over the baseline and/or an absolute budget
 * @param errorRate  allowed increase of the error rate, or null for no error gate
 */
public record Gates(long minSamples, Map<Double, LatencyGate> latency, ErrorRateGate errorRate) {

    public static final long DEFAULT_MIN_SAMPLES = 200;
}
