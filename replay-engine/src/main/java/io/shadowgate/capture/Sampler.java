package io.shadowgate.capture;

/**
 * Decides which exchanges are recorded: the n-th arrival is kept when a seeded hash of n falls
 * below the fraction, so a seed picks the same arrivals every time, with no shared state to
 * lock. Immutable and thread-safe.
 */
final class Sampler {

    private final double fraction;
    private final long seed;

    Sampler(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sample fraction must be between 0 and 1 (was " + fraction + ")");
        }
        this.fraction = fraction;
        this.seed = seed;
    }

    /** Whether arrival number {@code n} (from 0) is recorded. */
    boolean sample(long n) {
        if (fraction >= 1) {
            return true;
        }
        if (fraction <= 0) {
            return false;
        }
        // SplittableRandom's mixing function on a Weyl sequence: uniform and independent enough
        // for sampling, and a pure function of (seed, n).
        long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < fraction;
    }
}
