package io.shadowgate.compare.contract;

import io.shadowgate.metrics.RequestHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per endpoint, the pairs the baseline accepted (2xx) and the candidate rejected (4xx),
 * keeping a few request ids as examples: those whose {@link RequestHash} under the seed is
 * smallest (bottom-k), so the examples depend neither on arrival order nor on which shard saw
 * which pair. Single writer: one thread calls {@link #record} (or one counter per shard,
 * combined with {@link #merge}); not thread-safe.
 *
 * <p>Bounded: at most {@code examplesPerEndpoint} examples ({@value #DEFAULT_EXAMPLES} by default)
 * per endpoint, and {@code maxEndpoints} endpoints
 * ({@value ContractLearner#DEFAULT_MAX_ENDPOINTS}); pairs of other endpoints are counted in
 * {@link #foldedPairs()}.
 */
public final class NewRejectionCounter {

    public static final int DEFAULT_EXAMPLES = 10;

    private final int examplesPerEndpoint;
    private final int maxEndpoints;
    private final long seed;
    private final Map<String, Counts> endpoints = new TreeMap<>();
    private long foldedPairs;

    /** Default bounds, examples chosen under seed 0. */
    public NewRejectionCounter() {
        this(0);
    }

    /** Default bounds, examples chosen under {@code seed}. */
    public NewRejectionCounter(long seed) {
        this(DEFAULT_EXAMPLES, ContractLearner.DEFAULT_MAX_ENDPOINTS, seed);
    }

    public NewRejectionCounter(int examplesPerEndpoint, int maxEndpoints, long seed) {
        if (examplesPerEndpoint < 0) {
            throw new IllegalArgumentException("examplesPerEndpoint must be >= 0 (was " + examplesPerEndpoint + ")");
        }
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be >= 1 (was " + maxEndpoints + ")");
        }
        this.examplesPerEndpoint = examplesPerEndpoint;
        this.maxEndpoints = maxEndpoints;
        this.seed = seed;
    }

    /** How an example is named in the findings: {@code request 17}. */
    public static String exampleName(long requestId) {
        return String.format(Locale.ROOT, "request %d", requestId);
    }

    /**
     * Counts one pair where both sides answered.
     *
     * @param requestId the request's id; kept as an example when the pair is a new rejection and
     *                  its hash is among the smallest
     */
    public void record(String endpoint, int baselineStatus, int candidateStatus, long requestId) {
        Counts counts = counts(endpoint);
        if (counts == null) {
            foldedPairs++;
            return;
        }
        counts.pairs++;
        if (baselineStatus >= 200 && baselineStatus <= 299 && candidateStatus >= 400 && candidateStatus <= 499) {
            counts.rejected++;
            counts.byStatus.merge(candidateStatus, 1L, Long::sum);
            offer(counts.examples, requestId);
        }
    }

    /** Keeps {@code id} if its hash is among the {@code examplesPerEndpoint} smallest; the list stays in hash order. */
    private void offer(List<Long> examples, long id) {
        long hash = RequestHash.of(id, seed);
        int at = examples.size();
        while (at > 0 && RequestHash.of(examples.get(at - 1), seed) > hash) {
            at--;
        }
        if (at < examplesPerEndpoint && (at == 0 || examples.get(at - 1) != id)) {
            examples.add(at, id);
            if (examples.size() > examplesPerEndpoint) {
                examples.remove(examples.size() - 1);
            }
        }
    }

    /**
     * Adds another shard's counts; the examples are the smallest hashes of both. {@code other} must
     * have the same bounds and seed.
     */
    public void merge(NewRejectionCounter other) {
        if (other.seed != seed || other.examplesPerEndpoint != examplesPerEndpoint || other.maxEndpoints != maxEndpoints) {
            throw new IllegalArgumentException("cannot merge rejection counters of different seeds or bounds");
        }
        foldedPairs += other.foldedPairs;
        for (Map.Entry<String, Counts> e : other.endpoints.entrySet()) {
            Counts mine = counts(e.getKey());
            Counts theirs = e.getValue();
            if (mine == null) {
                foldedPairs += theirs.pairs;
                continue;
            }
            mine.pairs += theirs.pairs;
            mine.rejected += theirs.rejected;
            theirs.byStatus.forEach((code, n) -> mine.byStatus.merge(code, n, Long::sum));
            for (long id : theirs.examples) {
                offer(mine.examples, id);
            }
        }
    }

    /** Every endpoint with at least one pair, by name. */
    public List<NewRejections> snapshot() {
        List<NewRejections> out = new ArrayList<>(endpoints.size());
        endpoints.forEach((name, c) -> out.add(new NewRejections(name, c.pairs, c.rejected,
                Collections.unmodifiableMap(new TreeMap<>(c.byStatus)),
                c.examples.stream().map(NewRejectionCounter::exampleName).toList())));
        return List.copyOf(out);
    }

    /** Everything counted, for a shard's stored result; {@link #of} reads it back. */
    public State state() {
        List<EndpointState> out = new ArrayList<>(endpoints.size());
        endpoints.forEach((name, c) -> out.add(new EndpointState(name, c.pairs, c.rejected, new TreeMap<>(c.byStatus),
                List.copyOf(c.examples))));
        return new State(examplesPerEndpoint, maxEndpoints, seed, foldedPairs, out);
    }

    /** A counter holding {@code state}, to merge into or read. */
    public static NewRejectionCounter of(State state) {
        NewRejectionCounter counter = new NewRejectionCounter(state.examplesPerEndpoint(), state.maxEndpoints(),
                state.seed());
        counter.foldedPairs = state.foldedPairs();
        for (EndpointState e : state.endpoints()) {
            Counts c = new Counts();
            c.pairs = e.pairs();
            c.rejected = e.rejected();
            c.byStatus.putAll(e.byStatus());
            e.examples().forEach(id -> counter.offer(c.examples, id));
            counter.endpoints.put(e.endpoint(), c);
        }
        return counter;
    }

    /**
     * A counter's whole state, as a shard result stores it.
     *
     * @param examplesPerEndpoint examples kept per endpoint at most
     * @param maxEndpoints        endpoints counted at most
     * @param seed                what examples are chosen by
     * @param foldedPairs         pairs of endpoints beyond the cap
     * @param endpoints           per endpoint, in name order
     */
    public record State(int examplesPerEndpoint, int maxEndpoints, long seed, long foldedPairs,
                        List<EndpointState> endpoints) {
    }

    /**
     * One endpoint's counts.
     *
     * @param endpoint its name
     * @param pairs    pairs where both answered
     * @param rejected new rejections among them
     * @param byStatus the candidate's 4xx codes on those
     * @param examples request ids kept as examples, in hash order
     */
    public record EndpointState(String endpoint, long pairs, long rejected, Map<Integer, Long> byStatus,
                                List<Long> examples) {
    }

    /** Pairs of endpoints beyond the endpoint cap, not counted per endpoint. */
    public long foldedPairs() {
        return foldedPairs;
    }

    private Counts counts(String endpoint) {
        Counts c = endpoints.get(endpoint);
        if (c == null && endpoints.size() < maxEndpoints) {
            c = new Counts();
            endpoints.put(endpoint, c);
        }
        return c;
    }

    private static final class Counts {
        private long pairs;
        private long rejected;
        private final Map<Integer, Long> byStatus = new TreeMap<>();
        /** Request ids, in hash order. */
        private final List<Long> examples = new ArrayList<>();
    }
}
