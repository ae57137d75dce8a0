package io.shadowgate.compare.model;

import java.util.Map;

/**
 * What one response said, read at the configured paths by {@link ModelOutputExtractor}.
 *
 * @param json          whether the body parsed as JSON
 * @param label         the label as text (numbers in canonical form, so 1 and 1.0 agree), or null
 * @param labelStatus   whether {@code label} is usable
 * @param score         the score, or the top-class probability when a map is configured; NaN if none
 * @param scoreStatus   whether {@code score} (and, with a map, {@code probabilities}) is usable
 * @param probabilities class to probability when a map is configured and usable, else empty
 */
public record ModelOutput(boolean json, String label, FieldStatus labelStatus, double score, FieldStatus scoreStatus,
                          Map<String, Double> probabilities) {

    /** The output of a body that was empty or not JSON: every field missing. */
    public static final ModelOutput NOT_JSON =
            new ModelOutput(false, null, FieldStatus.MISSING, Double.NaN, FieldStatus.MISSING, Map.of());

    public ModelOutput {
        probabilities = Map.copyOf(probabilities);
    }

    public boolean hasLabel() {
        return labelStatus == FieldStatus.PRESENT;
    }

    public boolean hasScore() {
        return scoreStatus == FieldStatus.PRESENT;
    }
}
