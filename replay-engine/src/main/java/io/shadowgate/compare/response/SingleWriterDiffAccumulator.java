package io.shadowgate.compare.response;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.metrics.RequestHash;
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
 * <p>Examples: for each path and pair type, the pairs whose sequence numbers (request ids) have
 * the smallest {@link RequestHash} under the seed (bottom-k), listed in hash order, so the choice
 * depends neither on arrival order nor on which thread or shard saw which pair, and is spread
 * over the run rather than taken from its start. Bodies are redacted (the given
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
    private final long seed;
    private final Map<String, EndpointTally> endpoints = new HashMap<>();

    /** Default limits; the capture's default credential headers and {@link #DEFAULT_REDACTED_FIELDS} redacted. */
    public SingleWriterDiffAccumulator() {
        this(AccumulatorLimits.DEFAULT, Redactor.withDefaults(List.of(), DEFAULT_REDACTED_FIELDS));
    }

    /** Examples chosen by the hash of their sequence number under seed 0. */
    public SingleWriterDiffAccumulator(AccumulatorLimits limits, Redactor redactor) {
        this(limits, redactor, 0);
    }

    /** @param seed what examples are chosen by: the smallest {@link RequestHash} of their sequence under it */
    public SingleWriterDiffAccumulator(AccumulatorLimits limits, Redactor redactor, long seed) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.redaction = new ExampleRedaction(Objects.requireNonNull(redactor, "redactor"), limits.exampleBodyBytes());
        this.seed = seed;
    }

    /**
     * Counts one compared pair.
     *
     * @param endpoint    the endpoint both requests went to
     * @param sequence    the request's sequence number, its id (examples keep the smallest hashes of it)
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
     * and must not be written meanwhile. Examples keep the smallest hashes of both; both must
     * have the same seed and limits.
     */
    public void merge(SingleWriterDiffAccumulator other) {
        if (other == this) {
            throw new IllegalArgumentException("an accumulator cannot be merged into itself");
        }
        if (other.seed != seed || !other.limits.equals(limits)) {
            throw new IllegalArgumentException("cannot merge accumulators of different seeds or limits: " + seed + " "
                    + limits + " and " + other.seed + " " + other.limits);
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
                kept.absorb(p, limits.examplesPerPath(), seed);
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

    /** Everything counted and kept, for a shard's stored result; {@link #of} reads it back. Endpoints and paths in name order. */
    public State state() {
        List<EndpointState> out = new ArrayList<>(endpoints.size());
        for (EndpointTally tally : new TreeMap<>(endpoints).values()) {
            List<PathState> paths = new ArrayList<>(tally.paths.size());
            for (PathTally p : new TreeMap<>(tally.paths).values()) {
                long[][] byKind = new long[TYPES][];
                for (int t = 0; t < TYPES; t++) {
                    byKind[t] = p.byKind[t].clone();
                }
                paths.add(new PathState(p.path, p.sensitive, p.firstSequence, p.differing.clone(), byKind,
                        List.copyOf(p.examples.get(PairType.CANDIDATE.ordinal())),
                        List.copyOf(p.examples.get(PairType.NOISE.ordinal()))));
            }
            FoldedTally f = tally.folded;
            out.add(new EndpointState(tally.endpoint, tally.pairs.clone(), tally.mismatched.clone(), paths,
                    new FoldedState(f.differences.clone(), f.names.stream().sorted().toList(), f.namesExact)));
        }
        return new State(limits, seed, out);
    }

    /**
     * An accumulator holding {@code state}, to merge into or summarise; {@code redactor} redacts
     * the examples of pairs recorded into it later (the stored examples are redacted already).
     *
     * @throws IllegalArgumentException when an array of counts has the wrong length
     */
    public static SingleWriterDiffAccumulator of(State state, Redactor redactor) {
        SingleWriterDiffAccumulator acc = new SingleWriterDiffAccumulator(state.limits(), redactor, state.seed());
        for (EndpointState e : state.endpoints()) {
            EndpointTally tally = new EndpointTally(e.endpoint());
            copy(e.pairs(), tally.pairs, "pairs");
            copy(e.mismatched(), tally.mismatched, "mismatched");
            for (PathState p : e.paths()) {
                PathTally kept = new PathTally(p.path(), p.sensitive(), p.firstSequence());
                copy(p.differing(), kept.differing, "differing");
                if (p.byKind().length != TYPES) {
                    throw new IllegalArgumentException("byKind of " + p.path() + " has " + p.byKind().length
                            + " pair types; expected " + TYPES);
                }
                for (int t = 0; t < TYPES; t++) {
                    copy(p.byKind()[t], kept.byKind[t], "byKind");
                }
                kept.examples.get(PairType.CANDIDATE.ordinal()).addAll(p.candidateExamples());
                kept.examples.get(PairType.NOISE.ordinal()).addAll(p.noiseExamples());
                tally.paths.put(p.path(), kept);
            }
            copy(e.folded().differences(), tally.folded.differences, "folded differences");
            tally.folded.names.addAll(e.folded().names());
            tally.folded.namesExact = e.folded().namesExact();
            acc.endpoints.put(e.endpoint(), tally);
        }
        return acc;
    }

    private static void copy(long[] from, long[] to, String what) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(what + " has " + from.length + " values; expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }

    /**
     * An accumulator's whole state, as a shard result stores it.
     *
     * @param limits    its bounds
     * @param seed      what examples are chosen by
     * @param endpoints per endpoint, in name order
     */
    public record State(AccumulatorLimits limits, long seed, List<EndpointState> endpoints) {
    }

    /**
     * One endpoint's counts; arrays are indexed by {@link PairType} ordinal (candidate, noise).
     *
     * @param endpoint   its name
     * @param pairs      pairs compared, per pair type
     * @param mismatched pairs with any difference, per pair type
     * @param paths      the kept paths, in path order
     * @param folded     the paths beyond the bound
     */
    public record EndpointState(String endpoint, long[] pairs, long[] mismatched, List<PathState> paths,
                                FoldedState folded) {
    }

    /**
     * One kept path.
     *
     * @param path              canonical path
     * @param sensitive         whether its values are masked in examples
     * @param firstSequence     the smallest sequence number that differed here
     * @param differing         pairs that differed here, per pair type
     * @param byKind            per pair type, pairs per {@link DifferenceKind} ordinal
     * @param candidateExamples candidate example pairs, in hash order
     * @param noiseExamples     noise example pairs, in hash order
     */
    public record PathState(String path, boolean sensitive, long firstSequence, long[] differing, long[][] byKind,
                            List<DiffExample> candidateExamples, List<DiffExample> noiseExamples) {
    }

    /**
     * The paths folded beyond the bound.
     *
     * @param differences differences counted there, per pair type
     * @param names       the folded paths' names remembered, sorted
     * @param namesExact  whether every folded name was remembered
     */
    public record FoldedState(long[] differences, List<String> names, boolean namesExact) {
    }

    private void offerExample(PathTally p, int t, long sequence, List<Difference> found, ExamplePair pair) {
        int k = limits.examplesPerPath();
        List<DiffExample> examples = p.examples.get(t);
        if (k == 0 || (examples.size() == k
                && Long.compare(RequestHash.of(examples.get(k - 1).sequence(), seed), RequestHash.of(sequence, seed)) <= 0)) {
            return; // the common case once the sample is full: nothing built
        }
        DiffExample example = pair.example(p.sensitive ? ExampleRedaction.masked(found) : found);
        insert(examples, example, k, seed);
    }

    /** Inserts in hash order and keeps the first {@code k}: bottom-k by the hash of the sequence number. */
    private static void insert(List<DiffExample> examples, DiffExample example, int k, long seed) {
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

        void absorb(PathTally other, int k, long seed) {
            firstSequence = Math.min(firstSequence, other.firstSequence);
            for (int t = 0; t < TYPES; t++) {
                differing[t] += other.differing[t];
                for (int kind = 0; kind < KINDS; kind++) {
                    byKind[t][kind] += other.byKind[t][kind];
                }
                for (DiffExample e : other.examples.get(t)) {
                    insert(examples.get(t), e, k, seed);
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
