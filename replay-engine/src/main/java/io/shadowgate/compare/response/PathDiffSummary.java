package io.shadowgate.compare.response;

import io.shadowgate.compare.DifferenceEstimate;
import java.util.List;

/**
 * One differing path of an endpoint at the end of a run.
 *
 * @param path              canonical path
 * @param candidate         how often the candidate differed from the baseline here
 * @param noise             how often the baseline differed from itself here
 * @param excess            candidate rate minus noise rate with its interval ({@link NoiseClassifier})
 * @param pathClass         regression, within noise, or no noise data
 * @param candidateExamples the first candidate pairs that differed here, by sequence number
 * @param noiseExamples     the first noise pairs that differed here
 */
public record PathDiffSummary(String path, PathCounts candidate, PathCounts noise, DifferenceEstimate excess,
        PathClass pathClass, List<DiffExample> candidateExamples, List<DiffExample> noiseExamples) {

    public PathDiffSummary {
        candidateExamples = List.copyOf(candidateExamples);
        noiseExamples = List.copyOf(noiseExamples);
    }

    /** Whether the baseline differs from itself here: a candidate for an ignore, tolerance or normalisation rule. */
    public boolean noisy() {
        return noise.differing() > 0;
    }
}
