package io.shadowgate.compare.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform, seeded sample of at most {@code capacity} scored pairs (baseline score, candidate
 * score, the pair's drift): Vitter's algorithm R. Storage grows by doubling up to the capacity.
 * Single writer; the owning recorder's contract applies.
 */
final class ScoreReservoir {

    private final int capacity;
    private final SplittableRandom random;
    private double[] baseline = new double[64];
    private double[] candidate = new double[64];
    private double[] drift = new double[64];
    private int size;
    private long seen;

    ScoreReservoir(int capacity, long seed) {
        if (capacity < 2) {
            throw new IllegalArgumentException("reservoir capacity must be >= 2 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    void add(double b, double c, double d) {
        seen++;
        int slot;
        if (size < capacity) {
            ensure(size + 1);
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
        drift[slot] = d;
    }

    /**
     * Makes this a uniform sample of both streams. While everything fits, the samples are the
     * streams themselves and are concatenated. Otherwise each slot comes from this stream with
     * probability (its items not yet drawn) / (all items not yet drawn), a sequential draw from the
     * hypergeometric law, and takes an unused item of that side's sample at random: a uniform
     * sample of a uniform sample is a uniform sample.
     */
    void merge(ScoreReservoir other) {
        if (other.capacity != capacity) {
            throw new IllegalArgumentException("cannot merge reservoirs of capacity " + capacity + " and " + other.capacity);
        }
        long total = seen + other.seen;
        if (total <= capacity) {
            ensure((int) total);
            System.arraycopy(other.baseline, 0, baseline, size, other.size);
            System.arraycopy(other.candidate, 0, candidate, size, other.size);
            System.arraycopy(other.drift, 0, drift, size, other.size);
            size += other.size;
            seen = total;
            return;
        }
        int[] mine = indices(size);
        int[] theirs = indices(other.size);
        int mineLeft = size;
        int theirsLeft = other.size;
        long mineRemaining = seen;
        long theirsRemaining = other.seen;
        double[] b = new double[capacity];
        double[] c = new double[capacity];
        double[] d = new double[capacity];
        // A side's draws never exceed min(capacity, its stream) = its sample size, so the *Left counts stay positive.
        for (int slot = 0; slot < capacity; slot++) {
            if (random.nextLong(mineRemaining + theirsRemaining) < mineRemaining) {
                int pick = take(mine, mineLeft--);
                mineRemaining--;
                b[slot] = baseline[pick];
                c[slot] = candidate[pick];
                d[slot] = drift[pick];
            } else {
                int pick = take(theirs, theirsLeft--);
                theirsRemaining--;
                b[slot] = other.baseline[pick];
                c[slot] = other.candidate[pick];
                d[slot] = other.drift[pick];
            }
        }
        baseline = b;
        candidate = c;
        drift = d;
        size = capacity;
        seen = total;
    }

    double[] baseline() {
        return Arrays.copyOf(baseline, size);
    }

    double[] candidate() {
        return Arrays.copyOf(candidate, size);
    }

    double[] drift() {
        return Arrays.copyOf(drift, size);
    }

    int size() {
        return size;
    }

    /** Removes a random index among the first {@code left} (swapping it past them) and returns it. */
    private int take(int[] order, int left) {
        int j = random.nextInt(left);
        int picked = order[j];
        order[j] = order[left - 1];
        order[left - 1] = picked;
        return picked;
    }

    private static int[] indices(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private void ensure(int needed) {
        if (needed > baseline.length) {
            int grown = Math.min(capacity, Math.max(needed, baseline.length * 2));
            baseline = Arrays.copyOf(baseline, grown);
            candidate = Arrays.copyOf(candidate, grown);
            drift = Arrays.copyOf(drift, grown);
        }
    }
}
