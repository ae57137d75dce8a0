package io.shadowgate.compare.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per endpoint, the pairs the baseline accepted (2xx) and the candidate rejected (4xx),
 * keeping the first few request identifiers as examples. Single writer: one thread calls
 * {@link #record} (or one counter per shard, combined with {@link #merge}); not thread-safe.
 *
 * <p>Bounded: at most {@code examplesPerEndpoint} examples ({@value #DEFAULT_EXAMPLES} by default)
 * of at most {@value #MAX_EXAMPLE_LENGTH} characters each, and {@code maxEndpoints} endpoints
 * ({@value ContractLearner#DEFAULT_MAX_ENDPOINTS}); pairs of other endpoints are counted in
 * {@link #foldedPairs()}.
 */
public final class NewRejectionCounter {

    public static final int DEFAULT_EXAMPLES = 10;
    /** Longest example kept; longer identifiers are cut and end in an ellipsis. */
    public static final int MAX_EXAMPLE_LENGTH = 200;

    private final int examplesPerEndpoint;
    private final int maxEndpoints;
    private final Map<String, Counts> endpoints = new TreeMap<>();
    private long foldedPairs;

    public NewRejectionCounter() {
        this(DEFAULT_EXAMPLES, ContractLearner.DEFAULT_MAX_ENDPOINTS);
    }

    public NewRejectionCounter(int examplesPerEndpoint, int maxEndpoints) {
        if (examplesPerEndpoint < 0) {
            throw new IllegalArgumentException("examplesPerEndpoint must be >= 0 (was " + examplesPerEndpoint + ")");
        }
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be >= 1 (was " + maxEndpoints + ")");
        }
        this.examplesPerEndpoint = examplesPerEndpoint;
        this.maxEndpoints = maxEndpoints;
    }

    /**
     * Counts one pair where both sides answered.
     *
     * @param request how to name the request in examples, e.g. {@code POST /v1/predict?id=7}; kept
     *                only when the pair is a new rejection and the examples are not full
     */
    public void record(String endpoint, int baselineStatus, int candidateStatus, String request) {
        Counts counts = counts(endpoint);
        if (counts == null) {
            foldedPairs++;
            return;
        }
        counts.pairs++;
        if (baselineStatus >= 200 && baselineStatus <= 299 && candidateStatus >= 400 && candidateStatus <= 499) {
            counts.rejected++;
            counts.byStatus.merge(candidateStatus, 1L, Long::sum);
            if (counts.examples.size() < examplesPerEndpoint) {
                counts.examples.add(shorten(String.valueOf(request)));
            }
        }
    }

    /** Adds another shard's counts; examples are this counter's first, then the other's, up to the limit. */
    public void merge(NewRejectionCounter other) {
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
            for (String example : theirs.examples) {
                if (mine.examples.size() < examplesPerEndpoint) {
                    mine.examples.add(example);
                }
            }
        }
    }

    /** Every endpoint with at least one pair, by name. */
    public List<NewRejections> snapshot() {
        List<NewRejections> out = new ArrayList<>(endpoints.size());
        endpoints.forEach((name, c) -> out.add(new NewRejections(name, c.pairs, c.rejected,
                Collections.unmodifiableMap(new TreeMap<>(c.byStatus)), List.copyOf(c.examples))));
        return List.copyOf(out);
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

    private static String shorten(String s) {
        return s.length() <= MAX_EXAMPLE_LENGTH ? s : s.substring(0, MAX_EXAMPLE_LENGTH - 1) + "…";
    }

    private static final class Counts {
        private long pairs;
        private long rejected;
        private final Map<Integer, Long> byStatus = new TreeMap<>();
        private final List<String> examples = new ArrayList<>();
    }
}
