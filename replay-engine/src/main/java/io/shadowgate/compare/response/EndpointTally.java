package io.shadowgate.compare.response;

import io.shadowgate.compare.DifferenceEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint's counts: pairs compared and mismatched per pair type, its kept paths and the
 * bucket of paths folded beyond the bound. Single writer.
 */
final class EndpointTally {

    private static final int TYPES = PairType.values().length;

    final String endpoint;
    final long[] pairs = new long[TYPES];
    final long[] mismatched = new long[TYPES];
    final Map<String, PathTally> paths = new HashMap<>();
    final FoldedTally folded = new FoldedTally();

    EndpointTally(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Adds {@code theirs} into this one, then folds the paths beyond {@code bound}. */
    void absorb(EndpointTally theirs, int bound, ExampleSampler sampler) {
        for (int t = 0; t < TYPES; t++) {
            pairs[t] += theirs.pairs[t];
            mismatched[t] += theirs.mismatched[t];
        }
        for (PathTally p : theirs.paths.values()) {
            PathTally kept = paths.get(p.path);
            if (kept == null) {
                kept = new PathTally(p.path, p.sensitive, p.firstSequence);
                paths.put(p.path, kept);
            }
            kept.absorb(p, sampler);
        }
        folded.absorb(theirs.folded);
        enforceBound(bound);
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

    /** What was counted, each path classified by {@link NoiseClassifier} at one-sided level {@code alpha}. */
    EndpointDiffSummary summary(double alpha) {
        List<PathDiffSummary> out = new ArrayList<>(paths.size());
        for (PathTally p : paths.values()) {
            PathCounts candidate = p.counts(PairType.CANDIDATE, this);
            PathCounts noise = p.counts(PairType.NOISE, this);
            DifferenceEstimate excess = NoiseClassifier.excess(candidate, noise, alpha);
            out.add(new PathDiffSummary(p.path, candidate, noise, excess,
                    NoiseClassifier.classify(candidate, noise, excess),
                    p.examples.get(PairType.CANDIDATE.ordinal()), p.examples.get(PairType.NOISE.ordinal())));
        }
        out.sort(Comparator.comparingLong((PathDiffSummary p) -> p.candidate().differing()).reversed()
                .thenComparing(Comparator.comparingLong((PathDiffSummary p) -> p.noise().differing()).reversed())
                .thenComparing(PathDiffSummary::path));
        return new EndpointDiffSummary(endpoint,
                new PairCounts(pairs[PairType.CANDIDATE.ordinal()], mismatched[PairType.CANDIDATE.ordinal()]),
                new PairCounts(pairs[PairType.NOISE.ordinal()], mismatched[PairType.NOISE.ordinal()]),
                out, folded.summary());
    }
}
