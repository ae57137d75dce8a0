package io.shadowgate.compare.contract;

/**
 * The evidence a contract change needs before it is reported, so one odd response never breaks
 * the contract. A change is reported only when all of these hold:
 * <ol>
 * <li><b>Enough occurrences</b>: the responses showing it (the new type, the new status code, the
 *     responses lacking a required field...) number at least {@code minResponses}; for a removed
 *     field, the baseline also sent it in at least {@code minResponses} responses.</li>
 * <li><b>Significance</b>: the two proportions differ in the change's direction by Newcombe's
 *     hybrid score interval ({@link io.shadowgate.compare.ErrorRateDifference#newcombe}),
 *     two-sided at {@code confidence}, excluding 0. So a field the baseline sent in 10% of
 *     responses is not "removed" because a 20-response candidate sample lacks it: 0 of 20 is
 *     still compatible with 10%.</li>
 * <li><b>Kind-specific shares</b>: a removed field was present in at least
 *     {@code minBaselineShare} of the baseline places it could be; a presence drop concerns only
 *     fields present in at least {@code requiredPresence} of them (required fields; an optional
 *     field becoming rarer is not a contract change).</li>
 * </ol>
 * Most rules fire only on something the baseline never did (a new type, code or media type, a
 * field never sent), so testing thousands of paths does not make false alarms likely: a stable
 * service's candidate cannot show what its baseline never showed.
 *
 * @param minResponses     fewest responses evidencing a change, at least 1
 * @param minBaselineShare a removed field's least baseline presence, in [0, 1]
 * @param requiredPresence a field's baseline presence from which it counts as required, in (0, 1]
 * @param confidence       two-sided confidence of the Newcombe interval, in (0, 1)
 */
public record ContractRules(int minResponses, double minBaselineShare, double requiredPresence, double confidence) {

    /** 5 responses, 1%, 99.9%, 99%. */
    public static final ContractRules DEFAULTS = new ContractRules(5, 0.01, 0.999, 0.99);

    public ContractRules {
        if (minResponses < 1) {
            throw new IllegalArgumentException("minResponses must be >= 1 (was " + minResponses + ")");
        }
        if (!(minBaselineShare >= 0 && minBaselineShare <= 1)) {
            throw new IllegalArgumentException("minBaselineShare must be in [0, 1] (was " + minBaselineShare + ")");
        }
        if (!(requiredPresence > 0 && requiredPresence <= 1)) {
            throw new IllegalArgumentException("requiredPresence must be in (0, 1] (was " + requiredPresence + ")");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (was " + confidence + ")");
        }
    }
}
