package io.shadowgate.scenario;

/**
 * The gates on what the candidate answers, as opposed to how fast or how often it fails.
 * Each limit is null when its gate is off.
 *
 * @param maxMismatchRate  share of request pairs whose responses differ (after the compare
 *                         rules, and beyond the baseline's own noise when measured), overall and
 *                         per endpoint, e.g. 0.01
 * @param maxLabelFlipRate share of model predictions whose label changed, e.g. 0.02
 * @param maxScoreDrift    mean absolute score change per prediction, in score units, e.g. 0.01
 * @param maxBreaking      contract changes consumers would notice (a removed field, a changed
 *                         type, a new status code ...) allowed; 0 by default when responses are
 *                         compared
 */
public record ResponseGates(Double maxMismatchRate, Double maxLabelFlipRate, Double maxScoreDrift, Integer maxBreaking) {

    public static final ResponseGates NONE = new ResponseGates(null, null, null, null);

    /** The default when responses are compared: the contract must not break. */
    public static final ResponseGates CONTRACT = new ResponseGates(null, null, null, 0);

    /** Gates counted for the family-wise NO_GO correction; the mismatch gate counts once per scope. */
    public int count() {
        return (maxMismatchRate != null ? 1 : 0) + (maxLabelFlipRate != null ? 1 : 0) + (maxScoreDrift != null ? 1 : 0)
                + (maxBreaking != null ? 1 : 0);
    }
}
