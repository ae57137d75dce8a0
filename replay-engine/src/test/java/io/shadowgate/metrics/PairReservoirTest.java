package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bottom-k by the hash of the request id: the sample depends on the ids only, and shards merge into it exactly. */
class PairReservoirTest {

    private static final long SEED = 11;

    @Test
    void theSampleDoesNotDependOnArrivalOrderAndListsPairsInHashOrder() {
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < 5_000; id++) {
            ids.add(id);
        }
        PairSample inOrder = fill(ids, 500);
        Collections.shuffle(ids, new Random(3));
        PairSample shuffled = fill(ids, 500);

        assertThat(shuffled.ids()).containsExactly(inOrder.ids());
        assertThat(shuffled.baselineMicros()).containsExactly(inOrder.baselineMicros());
        assertThat(inOrder.seen()).isEqualTo(5_000);
        assertThat(inOrder.size()).isEqualTo(500);
        for (int i = 1; i < inOrder.size(); i++) {
            assertThat(RequestHash.of(inOrder.ids()[i], SEED)).isGreaterThan(RequestHash.of(inOrder.ids()[i - 1], SEED));
        }
    }

    @Test
    void shardsMergeIntoExactlyTheSampleOfOneReservoir() {
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            ids.add(id);
        }
        PairSample whole = fill(ids, 1_000);
        for (int n : new int[] {2, 3, 7}) {
            PairReservoir merged = new PairReservoir(1_000, SEED);
            for (int shard = n - 1; shard >= 0; shard--) {
                int s = shard;
                merged.merge(fill(ids.stream().filter(id -> id % n == s).toList(), 1_000));
            }
            PairSample m = merged.sample();
            assertThat(m.ids()).as("%d shards", n).containsExactly(whole.ids());
            assertThat(m.candidateMicros()).containsExactly(whole.candidateMicros());
            assertThat(m.seen()).isEqualTo(whole.seen());
        }
    }

    @Test
    void keepsExactlyThePairsWithTheSmallestHashesThroughManyPrunings() {
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < 20_000; id++) {
            ids.add(id * 7 + 3);
        }
        Collections.shuffle(ids, new Random(5));
        for (int capacity : new int[] {1, 7, 100, 999, 20_000, 30_000}) {
            PairSample sample = fill(ids, capacity);
            long[] expected = ids.stream().sorted((x, y) -> Long.compare(RequestHash.of(x, SEED), RequestHash.of(y, SEED)))
                    .limit(capacity).mapToLong(Long::longValue).toArray();
            assertThat(sample.ids()).as("capacity %d", capacity).containsExactly(expected);
            assertThat(sample.seen()).isEqualTo(20_000);
            for (int i = 0; i < sample.size(); i++) {
                assertThat(sample.baselineMicros()[i]).isEqualTo(sample.ids()[i] * 1.5);
                assertThat(sample.candidateMicros()[i]).isEqualTo(sample.ids()[i] * 2.5);
            }
        }
    }

    @Test
    void aCopyGoesOnAsTheOriginalWouldAndSamplingTwiceChangesNothing() {
        PairReservoir original = new PairReservoir(300, SEED);
        for (long id = 0; id < 1_000; id++) {
            original.add(id, id, -id);
        }
        PairReservoir copy = original.copy();
        PairSample early = original.sample();
        assertThat(original.sample().ids()).containsExactly(early.ids());
        for (long id = 1_000; id < 5_000; id++) {
            original.add(id, id, -id);
            copy.add(id, id, -id);
        }
        assertThat(copy.sample().ids()).containsExactly(original.sample().ids());
        assertThat(copy.sample().candidateMicros()).containsExactly(original.sample().candidateMicros());
    }

    private static PairSample fill(List<Long> ids, int capacity) {
        PairReservoir r = new PairReservoir(capacity, SEED);
        for (long id : ids) {
            r.add(id, id * 1.5, id * 2.5);
        }
        return r.sample();
    }
}
