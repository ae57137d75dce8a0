package io.shadowgate.compare.response;

import java.util.Comparator;
import java.util.List;

/**
 * The response differences of one endpoint at the end of a run.
 *
 * @param endpoint  endpoint name
 * @param candidate candidate pairs compared and mismatched
 * @param noise     noise pairs compared and mismatched (zero when no noise was measured)
 * @param paths     every differing path kept, most often differing in candidate pairs first
 * @param folded    paths beyond the bound, folded together
 */
public record EndpointDiffSummary(String endpoint, PairCounts candidate, PairCounts noise,
        List<PathDiffSummary> paths, FoldedPaths folded) {

    public EndpointDiffSummary {
        paths = List.copyOf(paths);
    }

    /** Paths where the candidate differs beyond noise. */
    public List<PathDiffSummary> regressions() {
        return paths.stream().filter(p -> p.pathClass() == PathClass.REGRESSION).toList();
    }

    /**
     * Paths where the baseline differs from itself, the noisiest first: what to turn into ignore,
     * tolerance or normalisation rules.
     */
    public List<PathDiffSummary> noisyPaths() {
        return paths.stream().filter(PathDiffSummary::noisy)
                .sorted(Comparator.comparingDouble((PathDiffSummary p) -> p.noise().rate()).reversed()
                        .thenComparing(PathDiffSummary::path))
                .toList();
    }
}
