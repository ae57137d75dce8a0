package io.shadowgate.metrics;

import java.util.Arrays;

/**
 * A uniform sample of (baseline, candidate) latency pairs: one pair per request that got a
 * response from both, so the comparison can use the pairing (same request, same instant).
 * Bounded: bottom-k sampling by a seeded hash of the request id ({@link PairReservoir}) keeps
 * at most {@code capacity} pairs however long the run, each pair seen having the same chance
 * to be kept, listed in hash order. Immutable once taken from {@link PairedLatencyRecorder#snapshot()}.
 *
 * @param baselineMicros  baseline latency from the intended start, µs, for pairs 0..size-1
 * @param candidateMicros candidate latency of the same requests
 * @param size            pairs in the sample
 * @param seen            pairs seen in the run (the sample is all of them when seen == size)
 */
public record PairedLatencies(double[] baselineMicros, double[] candidateMicros, int size, long seen) {

    public static final PairedLatencies EMPTY = new PairedLatencies(new double[0], new double[0], 0, 0);

    public double[] baseline() {
        return Arrays.copyOf(baselineMicros, size);
    }

    public double[] candidate() {
        return Arrays.copyOf(candidateMicros, size);
    }
}
