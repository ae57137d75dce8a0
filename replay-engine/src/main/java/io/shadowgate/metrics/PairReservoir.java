package io.shadowgate.metrics;

import java.util.Arrays;

/**
 * A uniform sample of at most {@code capacity} (baseline, candidate) pairs: the pairs whose
 * request ids have the smallest {@link RequestHash} under the seed (bottom-k sampling). Which
 * pairs are kept depends only on the ids, never on the order they arrive in, so the sample of a
 * sharded run is exactly the {@code capacity} smallest of the shards' samples together
 * ({@link #merge}), the sample one process would have kept. Snapshots list the pairs in hash
 * order, so whatever reads them by position (the paired bootstrap) sees one canonical order.
 * Storage grows by doubling up to the capacity, so a reservoir for an endpoint that sees little
 * traffic stays small. Not thread-safe: the owner locks.
 */
public final class PairReservoir {

    private final int capacity;
    private final long seed;
    /** A max-heap on {@link #hashes}, so the largest kept hash is at 0 and is the one replaced. */
    private long[] hashes = new long[64];
    private long[] ids = new long[64];
    private double[] baseline = new double[64];
    private double[] candidate = new double[64];
    private int size;
    private long seen;

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
        if (size < capacity) {
            if (size == hashes.length) {
                int grown = Math.min(capacity, hashes.length * 2);
                hashes = Arrays.copyOf(hashes, grown);
                ids = Arrays.copyOf(ids, grown);
                baseline = Arrays.copyOf(baseline, grown);
                candidate = Arrays.copyOf(candidate, grown);
            }
            set(size, hash, id, b, c);
            siftUp(size++);
        } else if (hash < hashes[0]) {
            set(0, hash, id, b, c);
            siftDown(0);
        }
    }

    private void set(int at, long hash, long id, double b, double c) {
        hashes[at] = hash;
        ids[at] = id;
        baseline[at] = b;
        candidate[at] = c;
    }

    private void swap(int i, int j) {
        long h = hashes[i];
        long id = ids[i];
        double b = baseline[i];
        double c = candidate[i];
        set(i, hashes[j], ids[j], baseline[j], candidate[j]);
        set(j, h, id, b, c);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (hashes[parent] >= hashes[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int larger = left + 1 < size && hashes[left + 1] > hashes[left] ? left + 1 : left;
            if (hashes[i] >= hashes[larger]) {
                return;
            }
            swap(i, larger);
            i = larger;
        }
    }

    /** The sample with ids, in hash order. */
    public PairSample sample() {
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
