package io.shadowgate.sim;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;

import java.util.random.RandomGenerator;

/**
 * What a simulated server does to one request: how long it waits before answering and whether
 * it answers with an injected error instead. Immutable and shared by all event loops; callers
 * pass their own random generator.
 *
 * <p>Latency applies to every request (a slow server is slow everywhere); injected errors only
 * to requests the caller marks eligible, which the server does for {@code POST /v1/predict}.
 */
final class BehaviourModel {

    /** The fate of one request. */
    record Decision(long delayNanos, boolean injectError) {}

    private final LatencySampler latency;
    private final double errorRate;
    private final int errorStatus;

    BehaviourModel(SimulatedProfile profile) {
        LatencyProfile latencyProfile = profile.latency() == null ? LatencyProfile.INSTANT : profile.latency();
        this.latency = new LatencySampler(latencyProfile);
        if (!(profile.errorRate() >= 0 && profile.errorRate() <= 1)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1 (was " + profile.errorRate() + ")");
        }
        if (profile.errorRate() > 0 && (profile.errorStatus() < 100 || profile.errorStatus() > 599)) {
            throw new IllegalArgumentException(
                    "errorStatus must be an HTTP status between 100 and 599 (was " + profile.errorStatus() + ")");
        }
        this.errorRate = profile.errorRate();
        this.errorStatus = profile.errorStatus();
    }

    Decision decide(RandomGenerator rng, boolean errorEligible) {
        long delay = latency.sampleNanos(rng);
        boolean error = errorEligible && errorRate > 0 && rng.nextDouble() < errorRate;
        return new Decision(delay, error);
    }

    /** Status of injected errors. */
    int errorStatus() {
        return errorStatus;
    }
}
