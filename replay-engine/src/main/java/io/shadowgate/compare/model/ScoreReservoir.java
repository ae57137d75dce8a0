package io.shadowgate.compare.model;

import io.shadowgate.metrics.RequestHash;
import java.util.List;
import java.util.TreeMap;

/**
 * A uniform sample of at most {@code capacity} scored pairs (baseline score, candidate score, the
 * pair's drift): the pairs whose request ids have the smallest {@link RequestHash} under the seed
 * (bottom-k, as {@code metrics.PairReservoir}). Which pairs are kept depends only on their ids,
 * never on arrival order, so the merge of shards' samples is exactly the sample one recorder of
 * every pair keeps. Read in hash order. Single writer; the owning recorder's contract applies.
 */
final class ScoreReservoir {

    private final int capacity;
    private final long seed;
    /** Hash to the kept pair, in hash order; the hash is a bijection of the id, so ids never collide. */
    private final TreeMap<Long, ScoredPair> kept = new TreeMap<>();
    private long seen;

    /** One kept pair. */
    record ScoredPair(long id, double baseline, double candidate, double drift) {
    }

    ScoreReservoir(int capacity, long seed) {
        if (capacity < 2) {
            throw new IllegalArgumentException("reservoir capacity must be >= 2 (was " + capacity + ")");
        }
        this.capacity = capacity;
        this.seed = seed;
    }

    /** Offers the pair of request {@code id}; each id at most once. */
    void add(long id, double b, double c, double d) {
        seen++;
        offer(new ScoredPair(id, b, c, d));
    }

    private void offer(ScoredPair pair) {
        long hash = RequestHash.of(pair.id(), seed);
        if (kept.size() < capacity) {
            kept.put(hash, pair);
        } else if (hash < kept.lastKey()) {
            kept.pollLastEntry();
            kept.put(hash, pair);
        }
    }

    /** Adds another reservoir's sample and count; both must have the same capacity and seed. */
    void merge(ScoreReservoir other) {
        if (other.capacity != capacity || other.seed != seed) {
            throw new IllegalArgumentException("cannot merge reservoirs of capacity " + capacity + " and "
                    + other.capacity + ", or of different seeds");
        }
        other.kept.values().forEach(this::offer);
        seen += other.seen;
    }

    /** The kept pairs in hash order. */
    List<ScoredPair> pairs() {
        return List.copyOf(kept.values());
    }

    int capacity() {
        return capacity;
    }

    /** Pairs offered, kept or not. */
    long seen() {
        return seen;
    }

    /** A reservoir holding {@code pairs} out of {@code seen} offered (a stored sample read back). */
    static ScoreReservoir of(int capacity, long seed, List<ScoredPair> pairs, long seen) {
        ScoreReservoir r = new ScoreReservoir(capacity, seed);
        pairs.forEach(r::offer);
        r.seen = seen;
        return r;
    }

    double[] baseline() {
        return kept.values().stream().mapToDouble(ScoredPair::baseline).toArray();
    }

    double[] candidate() {
        return kept.values().stream().mapToDouble(ScoredPair::candidate).toArray();
    }

    double[] drift() {
        return kept.values().stream().mapToDouble(ScoredPair::drift).toArray();
    }

    int size() {
        return kept.size();
    }
}
