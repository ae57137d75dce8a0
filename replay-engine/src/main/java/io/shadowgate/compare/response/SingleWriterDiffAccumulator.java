package io.shadowgate.compare.response;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.traffic.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts response differences per endpoint, canonical path and kind, for candidate pairs and
 * noise pairs, with a few example pairs per path; bounded in memory ({@link AccumulatorLimits}).
 *
 * <p><b>Single writer</b>: one thread calls {@link #record} (say, one per event loop, or one
 * behind a queue); no method is safe to call concurrently with another. Combine the
 * accumulators of several threads or shards with {@link #merge} once they have stopped
 * writing, then read {@link #summary}.
 *
 * <p>Counting: per endpoint and pair type, pairs compared and pairs with any difference; per
 * path, pairs that differed there (once per pair, however many array elements differed) and per
 * kind. The denominator of every path is the endpoint's pairs of that type.
 *
 * <p>Examples: for each path and pair type, the pairs with the smallest sequence numbers, so
 * the choice does not depend on which thread saw which pair. Bodies are redacted (the given
 * {@link Redactor}: credential headers and JSON fields) and cut.
 *
 * <p>Bound on paths: past {@link AccumulatorLimits#pathsPerEndpoint()} distinct paths on an
 * endpoint, new paths are counted in one {@link FoldedPaths} bucket. Which paths are kept is
 * decided by the sequence number at which each first differed (ties by path), so merging
 * shards whose own tables never filled gives exactly what one accumulator fed every pair in
 * sequence order gives. Once shards have folded paths, a path kept in the merged result may
 * lack the counts of shards where it was folded (they stay in the bucket); totals stay exact.
 */
public final class SingleWriterDiffAccumulator {

    /** JSON body fields redacted in examples by default, at any depth. */
    public static final List<String> DEFAULT_REDACTED_FIELDS = List.of(
            "password", "passwd", "secret", "token", "access_token", "refresh_token", "id_token",
            "api_key", "apiKey", "client_secret", "authorization");

    private static final int KINDS = DifferenceKind.values().length;
    private static final int TYPES = PairType.values().length;

    private final AccumulatorLimits limits;
    private final ExampleRedaction redaction;
    private final Map<String, EndpointTally> endpoints = new HashMap<>();

    /** Default limits; the capture's default credential headers and {@link #DEFAULT_REDACTED_FIELDS} redacted. */
    public SingleWriterDiffAccumulator() {
        this(AccumulatorLimits.DEFAULT, Redactor.withDefaults(List.of(), DEFAULT_REDACTED_FIELDS));
    }

    public SingleWriterDiffAccumulator(AccumulatorLimits limits, Redactor redactor) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.redaction = new ExampleRedaction(Objects.requireNonNull(redactor, "redactor"), limits.exampleBodyBytes());
    }

    /**
     * Counts one compared pair.
     *
     * @param endpoint    the endpoint both requests went to
     * @param sequence    the request's sequence number (examples keep the smallest)
     * @param type        candidate or noise pair
     * @param baseline    the baseline response
     * @param other       the candidate response, or the second baseline response for a noise pair
     * @param differences what {@link ResponseComparator#compare} found; empty when equal
     */
    public void record(String endpoint, long sequence, PairType type, ResponseSnapshot baseline,
            ResponseSnapshot other, List<Difference> differences) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        EndpointTally tally = endpoints.computeIfAbsent(endpoint, EndpointTally::new);
        int t = type.ordinal();
        tally.pairs[t]++;
        if (differences.isEmpty()) {
            return;
        }
        tally.mismatched[t]++;
        // Grouped by path in path order, so that when several new paths of one pair meet the
        // bound, the same ones are kept here as in a merge (ties on sequence are broken by path).
        Map<String, List<Difference>> byPath = new TreeMap<>();
        for (Difference d : differences) {
            byPath.computeIfAbsent(d.path(), p -> new ArrayList<>(2)).add(d);
        }
        ExamplePair pair = new ExamplePair(endpoint, sequence, type, baseline, other);
        for (Map.Entry<String, List<Difference>> group : byPath.entrySet()) {
            String path = group.getKey();
            List<Difference> found = group.getValue();
            PathTally p = tally.paths.get(path);
            if (p == null) {
                if (tally.paths.size() >= limits.pathsPerEndpoint()) {
                    tally.folded.add(path, t);
                    continue;
                }
                p = new PathTally(path, redaction.sensitive(path), sequence);
                tally.paths.put(path, p);
            }
            p.firstSequence = Math.min(p.firstSequence, sequence);
            p.differing[t]++;
            boolean[] seen = new boolean[KINDS];
            for (Difference d : found) {
                if (!seen[d.kind().ordinal()]) {
                    seen[d.kind().ordinal()] = true;
                    p.byKind[t][d.kind().ordinal()]++;
                }
            }
            offerExample(p, t, sequence, found, pair);
        }
    }

    /**
     * Adds everything {@code other} has counted into this one; {@code other} is left unchanged
     * and must not be written meanwhile. Examples keep the smallest sequence numbers of both.
     */
    public void merge(SingleWriterDiffAccumulator other) {
        if (other == this) {
            throw new IllegalArgumentException("an accumulator cannot be merged into itself");
        }
        for (EndpointTally theirs : other.endpoints.values()) {
            EndpointTally mine = endpoints.computeIfAbsent(theirs.endpoint, EndpointTally::new);
            for (int t = 0; t < TYPES; t++) {
                mine.pairs[t] += theirs.pairs[t];
                mine.mismatched[t] += theirs.mismatched[t];
            }
            for (PathTally p : theirs.paths.values()) {
                PathTally kept = mine.paths.get(p.path);
                if (kept == null) {
                    kept = new PathTally(p.path, p.sensitive, p.firstSequence);
                    mine.paths.put(p.path, kept);
                }
                kept.absorb(p, limits.examplesPerPath());
            }
            mine.folded.absorb(theirs.folded);
            mine.enforceBound(limits.pathsPerEndpoint());
        }
    }

    /**
     * What was counted, each path classified by {@link NoiseClassifier} at one-sided level
     * {@code alpha} (e.g. {@link NoiseClassifier#DEFAULT_ALPHA}).
     */
    public ResponseDiffSummary summary(double alpha) {
        ErrorRateDifference.confidenceForOneSidedAlpha(alpha); // checks alpha even when nothing differed
        List<EndpointDiffSummary> out = new ArrayList<>(endpoints.size());
        for (EndpointTally tally : new TreeMap<>(endpoints).values()) {
            List<PathDiffSummary> paths = new ArrayList<>(tally.paths.size());
            for (PathTally p : tally.paths.values()) {
                PathCounts candidate = p.counts(PairType.CANDIDATE, tally);
                PathCounts noise = p.counts(PairType.NOISE, tally);
                DifferenceEstimate excess = NoiseClassifier.excess(candidate, noise, alpha);
                paths.add(new PathDiffSummary(p.path, candidate, noise, excess,
                        NoiseClassifier.classify(candidate, noise, excess),
                        p.examples.get(PairType.CANDIDATE.ordinal()), p.examples.get(PairType.NOISE.ordinal())));
            }
            paths.sort(Comparator.comparingLong((PathDiffSummary p) -> p.candidate().differing()).reversed()
                    .thenComparing(Comparator.comparingLong((PathDiffSummary p) -> p.noise().differing()).reversed())
                    .thenComparing(PathDiffSummary::path));
            out.add(new EndpointDiffSummary(tally.endpoint,
                    new PairCounts(tally.pairs[PairType.CANDIDATE.ordinal()], tally.mismatched[PairType.CANDIDATE.ordinal()]),
                    new PairCounts(tally.pairs[PairType.NOISE.ordinal()], tally.mismatched[PairType.NOISE.ordinal()]),
                    paths, tally.folded.summary()));
        }
        return new ResponseDiffSummary(alpha, out);
    }

    private void offerExample(PathTally p, int t, long sequence, List<Difference> found, ExamplePair pair) {
        int k = limits.examplesPerPath();
        List<DiffExample> examples = p.examples.get(t);
        if (k == 0 || (examples.size() == k && examples.get(k - 1).sequence() <= sequence)) {
            return; // the common case once the first pairs are in: nothing built
        }
        DiffExample example = pair.example(p.sensitive ? ExampleRedaction.masked(found) : found);
        insert(examples, example, k);
    }

    /** Inserts in sequence order and keeps the first {@code k}. */
    private static void insert(List<DiffExample> examples, DiffExample example, int k) {
        int at = examples.size();
        while (at > 0 && examples.get(at - 1).sequence() > example.sequence()) {
            at--;
        }
        examples.add(at, example);
        while (examples.size() > k) {
            examples.remove(examples.size() - 1);
        }
    }

    /** The responses of the pair being recorded, redacted and cut once however many paths keep it. */
    private final class ExamplePair {
        private final String endpoint;
        private final long sequence;
        private final PairType type;
        private final ResponseSnapshot baseline;
        private final ResponseSnapshot other;
        private ResponseSnapshot redactedBaseline;
        private ResponseSnapshot redactedOther;

        ExamplePair(String endpoint, long sequence, PairType type, ResponseSnapshot baseline, ResponseSnapshot other) {
            this.endpoint = endpoint;
            this.sequence = sequence;
            this.type = type;
            this.baseline = baseline;
            this.other = other;
        }

        DiffExample example(List<Difference> differences) {
            if (redactedBaseline == null) {
                redactedBaseline = redaction.snapshot(endpoint, baseline);
                redactedOther = redaction.snapshot(endpoint, other);
            }
            return new DiffExample(sequence, type, differences, redactedBaseline, redactedOther,
                    baseline.body().length, other.body().length);
        }
    }

    private static final class EndpointTally {
        final String endpoint;
        final long[] pairs = new long[TYPES];
        final long[] mismatched = new long[TYPES];
        final Map<String, PathTally> paths = new HashMap<>();
        final FoldedTally folded = new FoldedTally();

        EndpointTally(String endpoint) {
            this.endpoint = endpoint;
        }

        /** Keeps the paths that first differed earliest (ties by path) and folds the rest. */
        void enforceBound(int bound) {
            if (paths.size() <= bound) {
                return;
            }
            List<PathTally> ordered = new ArrayList<>(paths.values());
            ordered.sort(Comparator.comparingLong((PathTally p) -> p.firstSequence).thenComparing(p -> p.path));
            for (PathTally p : ordered.subList(bound, ordered.size())) {
                paths.remove(p.path);
                folded.absorb(p);
            }
        }
    }

    private static final class PathTally {
        final String path;
        final boolean sensitive;
        long firstSequence;
        final long[] differing = new long[TYPES];
        final long[][] byKind = new long[TYPES][KINDS];
        final List<List<DiffExample>> examples = List.of(new ArrayList<>(), new ArrayList<>());

        PathTally(String path, boolean sensitive, long firstSequence) {
            this.path = path;
            this.sensitive = sensitive;
            this.firstSequence = firstSequence;
        }

        void absorb(PathTally other, int k) {
            firstSequence = Math.min(firstSequence, other.firstSequence);
            for (int t = 0; t < TYPES; t++) {
                differing[t] += other.differing[t];
                for (int kind = 0; kind < KINDS; kind++) {
                    byKind[t][kind] += other.byKind[t][kind];
                }
                for (DiffExample e : other.examples.get(t)) {
                    insert(examples.get(t), e, k);
                }
            }
        }

        PathCounts counts(PairType type, EndpointTally endpoint) {
            int t = type.ordinal();
            Map<DifferenceKind, Long> kinds = new EnumMap<>(DifferenceKind.class);
            for (DifferenceKind kind : DifferenceKind.values()) {
                if (byKind[t][kind.ordinal()] > 0) {
                    kinds.put(kind, byKind[t][kind.ordinal()]);
                }
            }
            return new PathCounts(differing[t], endpoint.pairs[t], kinds);
        }
    }

    private static final class FoldedTally {
        final long[] differences = new long[TYPES];
        final Set<String> names = new HashSet<>();
        boolean namesExact = true;

        void add(String path, int t) {
            differences[t]++;
            remember(path);
        }

        void absorb(PathTally p) {
            for (int t = 0; t < TYPES; t++) {
                differences[t] += p.differing[t];
            }
            remember(p.path);
        }

        void absorb(FoldedTally other) {
            for (int t = 0; t < TYPES; t++) {
                differences[t] += other.differences[t];
            }
            for (String name : other.names) {
                remember(name);
            }
            namesExact &= other.namesExact;
        }

        private void remember(String path) {
            if (names.size() < AccumulatorLimits.FOLDED_NAMES_COUNTED) {
                names.add(path);
            } else if (!names.contains(path)) {
                namesExact = false;
            }
        }

        FoldedPaths summary() {
            return names.isEmpty() ? FoldedPaths.NONE : new FoldedPaths(names.size(), namesExact,
                    differences[PairType.CANDIDATE.ordinal()], differences[PairType.NOISE.ordinal()]);
        }
    }
}
