package io.shadowgate.compare.model;

/**
 * Where a model-serving endpoint puts its output: a label, a score, or a map of class
 * probabilities ({@code {"cat": 0.7, "dog": 0.3}}). Any of them may be absent, but not all.
 *
 * <p>A score and a probability map are alternatives: with a map, a response's score is its
 * top-class probability and a pair's drift is the largest per-class difference, so a separate
 * score path would make two competing drifts. Without a label path, a map's label is its
 * argmax. Immutable.
 *
 * @param label         path of the predicted label, or null
 * @param score         path of a numeric score, or null
 * @param probabilities path of an object mapping class to probability, or null
 */
public record ModelOutputPaths(ValuePath label, ValuePath score, ValuePath probabilities) {

    public ModelOutputPaths {
        if (label == null && score == null && probabilities == null) {
            throw new IllegalArgumentException("at least one of labelPath, scorePath, probabilitiesPath must be set");
        }
        if (score != null && probabilities != null) {
            throw new IllegalArgumentException("scorePath (" + score + ") and probabilitiesPath (" + probabilities
                    + ") are alternatives: with a probability map the score is the top-class probability");
        }
    }

    /** Parses the paths as a scenario gives them; null or blank means not configured. */
    public static ModelOutputPaths of(String labelPath, String scorePath, String probabilitiesPath) {
        return new ModelOutputPaths(parse(labelPath), parse(scorePath), parse(probabilitiesPath));
    }

    /** Whether responses carry a label, given or derived from the probability map. */
    public boolean hasLabel() {
        return label != null || probabilities != null;
    }

    /** Whether responses carry a score or a probability map, so drift is measured. */
    public boolean hasScore() {
        return score != null || probabilities != null;
    }

    private static ValuePath parse(String path) {
        return path == null || path.isBlank() ? null : ValuePath.parse(path.strip());
    }
}
