package io.shadowgate.compare.model;

/**
 * One model gate's answer with its evidence, for the judge to turn into its own gate result.
 *
 * @param gate     {@code label flip rate} or {@code score drift}
 * @param outcome  HOLDS, BREACHED or UNDECIDED
 * @param estimate the point estimate (a rate, or a mean absolute difference in score units); NaN without data
 * @param lower    the lower confidence bound (one-sided, at the breach level); NaN for a drift of
 *                 fewer than two pairs
 * @param upper    the upper confidence bound (one-sided, at the holds level); likewise
 * @param limit    the configured limit, in the estimate's unit
 * @param samples  pairs the estimate rests on
 * @param method   how the bounds were computed
 * @param rule     the rule that decided, stated so a reader can check it
 * @param reason   one line for people, with the figures reported alongside
 */
public record ModelGateResult(String gate, GateOutcome outcome, double estimate, double lower, double upper,
                              double limit, long samples, String method, String rule, String reason) {
}
