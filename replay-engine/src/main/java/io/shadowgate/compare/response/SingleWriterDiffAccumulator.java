package io.shadowgate.compare.response;

import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.metrics.RequestHash;
import io.shadowgate.traffic.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final AccumulatorLimits limits;
    private final ExampleRedaction redaction;
    private final long seed;
    private final ExampleSampler sampler;
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
        this.sampler = new ExampleSampler(limits.examplesPerPath(), seed);
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
        ExamplePair pair = new ExamplePair(redaction, endpoint, sequence, type, baseline, other);
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
            p.count(sequence, t, found);
            sampler.offer(p.examples.get(t), found, p.sensitive, pair);
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
            endpoints.computeIfAbsent(theirs.endpoint, EndpointTally::new)
                    .absorb(theirs, limits.pathsPerEndpoint(), sampler);
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
            out.add(tally.summary(alpha));
        }
        return new ResponseDiffSummary(alpha, out);
    }

    /** Everything counted and kept, for a shard's stored result; {@link #of} reads it back. Endpoints and paths in name order. */
    public State state() {
        List<EndpointState> out = new ArrayList<>(endpoints.size());
        for (EndpointTally tally : new TreeMap<>(endpoints).values()) {
            out.add(TallyStates.export(tally));
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
            acc.endpoints.put(e.endpoint(), TallyStates.restore(e));
        }
        return acc;
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
}
