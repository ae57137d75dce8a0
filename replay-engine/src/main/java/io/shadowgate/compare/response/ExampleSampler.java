package io.shadowgate.compare.response;

import io.shadowgate.metrics.RequestHash;
import java.util.List;

/**
 * Chooses the examples a path keeps for one pair type: the {@code k} pairs whose sequence
 * numbers (request ids) have the smallest {@link RequestHash} under the seed (bottom-k), in hash
 * order, so the choice depends neither on arrival order nor on which thread or shard saw which
 * pair. Immutable; the lists it is given belong to their single writer.
 */
final class ExampleSampler {

    private final int k;
    private final long seed;

    ExampleSampler(int k, long seed) {
        this.k = k;
        this.seed = seed;
    }

    /** Offers the pair being recorded to {@code examples}; the example is built only when it is kept. */
    void offer(List<DiffExample> examples, List<Difference> found, boolean sensitive, ExamplePair pair) {
        if (k == 0 || (examples.size() == k
                && Long.compare(RequestHash.of(examples.get(k - 1).sequence(), seed),
                        RequestHash.of(pair.sequence(), seed)) <= 0)) {
            return; // the common case once the sample is full: nothing built
        }
        DiffExample example = pair.example(sensitive ? ExampleRedaction.masked(found) : found);
        insert(examples, example);
    }

    /** Adds the examples of {@code from} to {@code into}, keeping the bottom k of both. */
    void absorb(List<DiffExample> into, List<DiffExample> from) {
        for (DiffExample e : from) {
            insert(into, e);
        }
    }

    /** Inserts in hash order and keeps the first {@code k}: bottom-k by the hash of the sequence number. */
    private void insert(List<DiffExample> examples, DiffExample example) {
        long hash = RequestHash.of(example.sequence(), seed);
        int at = examples.size();
        while (at > 0 && RequestHash.of(examples.get(at - 1).sequence(), seed) > hash) {
            at--;
        }
        examples.add(at, example);
        while (examples.size() > k) {
            examples.remove(examples.size() - 1);
        }
    }
}
