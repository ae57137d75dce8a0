package io.shadowgate.sim;

import io.shadowgate.scenario.LatencyProfile;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Draws response times from a {@link LatencyProfile}: with probability {@code tailProbability}
 * the median is {@code tailMs}, else {@code medianMs}; the value is that median times
 * {@code exp(sigma * N(0,1))}, a log-normal. Immutable and safe to share; each caller passes
 * its own random generator, so no state is shared between event loops.
 */
final class LatencySampler {

    /**
     * Upper bound on one sample. A heavy sigma can draw absurd values; anything this long is a
     * timeout for every client, and the cap keeps the scheduler's nanosecond sums from overflowing.
     */
    static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private static final double MAX_NANOS = MAX_LATENCY.toNanos();

    private final LatencyProfile profile;

    LatencySampler(LatencyProfile profile) {
        requireAtLeast("latency.medianMs", profile.medianMs(), 0);
        requireAtLeast("latency.sigma", profile.sigma(), 0);
        requireAtLeast("latency.tailMs", profile.tailMs(), 0);
        requireAtLeast("latency.tailProbability", profile.tailProbability(), 0);
        if (profile.tailProbability() > 1) {
            throw new IllegalArgumentException(
                    "latency.tailProbability must be between 0 and 1 (was " + profile.tailProbability() + ")");
        }
        this.profile = profile;
    }

    /** One response time in nanoseconds, between 0 and {@link #MAX_LATENCY}. */
    long sampleNanos(RandomGenerator rng) {
        boolean tail = profile.tailProbability() > 0 && rng.nextDouble() < profile.tailProbability();
        double medianMs = tail ? profile.tailMs() : profile.medianMs();
        // sigma 0 means a constant; skipping the draw keeps such profiles exact.
        double factor = profile.sigma() == 0 ? 1.0 : Math.exp(profile.sigma() * rng.nextGaussian());
        double nanos = medianMs * factor * 1_000_000.0;
        return (long) Math.min(nanos, MAX_NANOS);
    }

    private static void requireAtLeast(String field, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= " + min + " (was " + value + ")");
        }
    }
}
