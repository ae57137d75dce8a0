package io.shadowgate.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} (baseline, candidate) pairs: Vitter's
 * algorithm R, seeded. Storage grows by doubling up to the capacity, so a reservoir for an
 * endpoint that sees little traffic stays small. Not thread-safe: the owner locks.
 */
final class PairReservoir {

    private final int capacity;
    private final SplittableRandom random;
    private double[] baseline = new double[64];
    private double[] candidate = new double[64];
    private int size;
    private long seen;

    PairReservoir(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    void add(double b, double c) {
        seen++;
        int slot;
        if (size < capacity) {
            if (size == baseline.length) {
                int grown = Math.min(capacity, baseline.length * 2);
                baseline = Arrays.copyOf(baseline, grown);
                candidate = Arrays.copyOf(candidate, grown);
            }
            slot = size++;
        } else {
            long j = random.nextLong(seen);
            if (j >= capacity) {
                return;
            }
            slot = (int) j;
        }
        baseline[slot] = b;
        candidate[slot] = c;
    }

    PairedLatencies snapshot() {
        return new PairedLatencies(Arrays.copyOf(baseline, size), Arrays.copyOf(candidate, size), size, seen);
    }
}
