package io.shadowgate.metrics;

import java.util.Arrays;

/**
 * A uniform sample of at most {@code capacity} (baseline, candidate) pairs: the pairs whose
 * request ids have the smallest {@link RequestHash} under the seed (bottom-k sampling). Which
 * pairs are kept depends only on the ids, never on the order they arrive in, so the sample of a
 * sharded run is exactly the {@code capacity} smallest of the shards' samples together
 * ({@link #merge}), the sample one process would have kept. Samples list the pairs in hash
 * order, so whatever reads them by position (the paired bootstrap) sees one canonical order.
 * Not thread-safe: the owner locks.
 *
 * <p>Pairs are appended to a buffer of up to twice the capacity while they hash below the
 * largest hash kept at the last pruning; a full buffer is pruned back to the capacity smallest
 * (a selection, linear on average). It used to be a max-heap: every pair kept then sifted down
 * a tree of 100,000 entries in four arrays of 800 KB, missing the cache at every level, and a
 * run's first million pairs keep about 330,000 of them: a saturated run delivered 5 % more
 * without it (bench/README.md, "Closing in"). Appending writes memory in order, and the pruning's cost spreads
 * over the at least {@code capacity} pairs that fill the buffer again. Storage grows by
 * doubling up to twice the capacity, so a reservoir for an endpoint that sees little traffic
 * stays small.
 */
public final class PairReservoir {

    private final int capacity;
    private final long seed;
    private long[] hashes = new long[64];
    private long[] ids = new long[64];
    private double[] baseline = new double[64];
    private double[] candidate = new double[64];
    private int size;
    private long seen;
    /** Pairs hashing at or above this are never among the kept: {@code capacity} smaller ones are; MAX until the first pruning. */
    private long threshold = Long.MAX_VALUE;
    private boolean pruned;

    public PairReservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.seed = seed;
    }

    /** A reservoir in this one's state, to go on from here on its own. */
    PairReservoir copy() {
        PairReservoir copy = new PairReservoir(capacity, seed);
        copy.hashes = hashes.clone();
        copy.ids = ids.clone();
        copy.baseline = baseline.clone();
        copy.candidate = candidate.clone();
        copy.size = size;
        copy.seen = seen;
        copy.threshold = threshold;
        copy.pruned = pruned;
        return copy;
    }

    /** Offers the pair of request {@code id}; each id at most once. */
    public void add(long id, double b, double c) {
        seen++;
        offer(RequestHash.of(id, seed), id, b, c);
    }

    /**
     * Adds a sample taken by another reservoir with the same seed (a shard's): its pairs are
     * offered as if seen here, and its {@code seen} count added.
     */
    public void merge(PairSample other) {
        for (int i = 0; i < other.size(); i++) {
            long id = other.ids()[i];
            offer(RequestHash.of(id, seed), id, other.baselineMicros()[i], other.candidateMicros()[i]);
        }
        seen += other.seen();
    }

    private void offer(long hash, long id, double b, double c) {
        if (pruned && hash >= threshold) {
            return;
        }
        if (size == hashes.length) {
            if (size >= 2 * capacity) {
                prune();
                if (hash >= threshold) {
                    return;
                }
            } else {
                int grown = (int) Math.min(2L * capacity, hashes.length * 2L);
                hashes = Arrays.copyOf(hashes, grown);
                ids = Arrays.copyOf(ids, grown);
                baseline = Arrays.copyOf(baseline, grown);
                candidate = Arrays.copyOf(candidate, grown);
            }
        }
        hashes[size] = hash;
        ids[size] = id;
        baseline[size] = b;
        candidate[size] = c;
        size++;
    }

    /** Keeps only the {@code capacity} smallest hashes (in no order) and lowers the threshold to the largest of them. */
    private void prune() {
        if (size <= capacity) {
            return;
        }
        select(capacity - 1);
        size = capacity;
        threshold = hashes[capacity - 1]; // the selection put the largest kept there
        pruned = true;
    }

    /**
     * Rearranges the buffer so that position {@code k} holds the (k+1)-th smallest hash, every
     * smaller one before it and every larger one after (Hoare's selection with a median of
     * three; the hashes are distinct and already well mixed).
     */
    private void select(int k) {
        int lo = 0;
        int hi = size - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (hashes[mid] < hashes[lo]) {
                swap(mid, lo);
            }
            if (hashes[hi] < hashes[lo]) {
                swap(hi, lo);
            }
            if (hashes[hi] < hashes[mid]) {
                swap(hi, mid);
            }
            long pivot = hashes[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (hashes[i] < pivot) {
                    i++;
                }
                while (hashes[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private void swap(int i, int j) {
        long h = hashes[i];
        hashes[i] = hashes[j];
        hashes[j] = h;
        long id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        double b = baseline[i];
        baseline[i] = baseline[j];
        baseline[j] = b;
        double c = candidate[i];
        candidate[i] = candidate[j];
        candidate[j] = c;
    }

    /** The sample with ids, in hash order. */
    public PairSample sample() {
        prune();
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(hashes[x], hashes[y]));
        long[] sortedIds = new long[size];
        double[] b = new double[size];
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            sortedIds[i] = ids[order[i]];
            b[i] = baseline[order[i]];
            c[i] = candidate[order[i]];
        }
        return new PairSample(sortedIds, b, c, seen);
    }

    /** The sample as the judge reads it, in hash order. */
    PairedLatencies snapshot() {
        return sample().latencies();
    }
}
