package io.shadowgate.scenario;

import java.util.Map;

/**
 * The acceptance criteria the candidate must meet against the baseline.
 *
 * @param minSamples fewest responses per target below which no gate can decide
 * @param latency    by percentile ({@code 50}, {@code 99}, {@code 99.9} …): the allowed increase
 *                   over the baseline and/or an absolute budget
 * @param errorRate  allowed increase of the error rate, or null for no error gate
 * @param confidence  how sure a decision must be, e.g. 0.99: a candidate that breaches a gate
 *                    by exactly its margin comes out GO at most 1 − confidence of the time, and
 *                    a candidate within every margin comes out NO_GO at most as often
 * @param perEndpoint whether every gate also holds for each endpoint on its own (the family
 *                    then counts gates × (endpoints + 1) for the NO_GO correction)
 * @param responses  gates on the responses themselves (mismatches, model outputs, contract)
 */
public record Gates(long minSamples, Map<Double, LatencyGate> latency, ErrorRateGate errorRate, double confidence,
                    boolean perEndpoint, ResponseGates responses) {

    public static final long DEFAULT_MIN_SAMPLES = 200;
    public static final double DEFAULT_CONFIDENCE = 0.99;

    /** Gates at the default confidence. */
    public Gates(long minSamples, Map<Double, LatencyGate> latency, ErrorRateGate errorRate) {
        this(minSamples, latency, errorRate, DEFAULT_CONFIDENCE, false);
    }

    /** Latency and error gates only. */
    public Gates(long minSamples, Map<Double, LatencyGate> latency, ErrorRateGate errorRate, double confidence,
                 boolean perEndpoint) {
        this(minSamples, latency, errorRate, confidence, perEndpoint, ResponseGates.NONE);
    }

    /** The same gates with {@code gates} on the responses. */
    public Gates withResponses(ResponseGates gates) {
        return new Gates(minSamples, latency, errorRate, confidence, perEndpoint, gates);
    }

    /** Gates over all traffic only. */
    public Gates(long minSamples, Map<Double, LatencyGate> latency, ErrorRateGate errorRate, double confidence) {
        this(minSamples, latency, errorRate, confidence, false);
    }

    /** How many gates there are, each bound counted once (for the family-wise correction). */
    public int count() {
        int n = (errorRate == null ? 0 : 1) + responses.count();
        for (LatencyGate gate : latency.values()) {
            n += (gate.maxIncrease() != null ? 1 : 0) + (gate.maxMs() != null ? 1 : 0);
        }
        return n;
    }
}
