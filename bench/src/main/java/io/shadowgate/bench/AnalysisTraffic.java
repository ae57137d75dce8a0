package io.shadowgate.bench;

import java.util.SplittableRandom;

/**
 * The latencies of the analysis benchmark's simulated run, one request at a time: each
 * target's latency is log-normal (median 8 ms, sigma 0.35) with a 0.5 % slow tail (median 60 ms),
 * and the two latencies of one request share half their normal score (the request and the
 * moment weigh on both), as shadow traffic's do. The candidate is the baseline's twin, or
 * {@code factor} times slower at every percentile. Not thread-safe: one generator per thread.
 */
final class AnalysisTraffic {

    static final double MEDIAN_MICROS = 8_000;
    static final double SIGMA = 0.35;
    static final double TAIL_PROBABILITY = 0.005;
    static final double TAIL_MEDIAN_MICROS = 60_000;
    /** Correlation of a request's two normal scores. */
    static final double SHARED = 0.5;

    private static final double OWN = Math.sqrt(1 - SHARED * SHARED);

    private final SplittableRandom random;
    private final double factor;
    private double baselineMicros;
    private double candidateMicros;

    AnalysisTraffic(long seed, double factor) {
        this.random = new SplittableRandom(seed);
        this.factor = factor;
    }

    /** Draws the next request's pair of latencies; read them with {@link #baselineMicros()} and {@link #candidateMicros()}. */
    void next() {
        double shared = random.nextGaussian();
        baselineMicros = latency(shared);
        candidateMicros = latency(shared) * factor;
    }

    double baselineMicros() {
        return baselineMicros;
    }

    double candidateMicros() {
        return candidateMicros;
    }

    /** A uniform draw in [0, 1) from the same generator, for errors and bodies. */
    double uniform() {
        return random.nextDouble();
    }

    private double latency(double shared) {
        double score = SHARED * shared + OWN * random.nextGaussian();
        double median = random.nextDouble() < TAIL_PROBABILITY ? TAIL_MEDIAN_MICROS : MEDIAN_MICROS;
        return median * Math.exp(SIGMA * score);
    }
}
