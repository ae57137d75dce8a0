package io.shadowgate.compare.model;

/**
 * Everything a {@link ModelComparisonRecorder} learned, for the gates ({@link ModelGates}) and
 * the report. Immutable.
 *
 * @param paths     the configured paths
 * @param pairs     pairs recorded
 * @param baseline  what the baseline's responses held
 * @param candidate what the candidate's responses held
 * @param labels    label flips
 * @param drift     score drift
 */
public record ModelComparisonSummary(ModelOutputPaths paths, long pairs, SideCounts baseline, SideCounts candidate,
                                     LabelFlips labels, ScoreDrift drift) {
}
