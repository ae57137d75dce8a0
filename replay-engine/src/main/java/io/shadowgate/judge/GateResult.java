package io.shadowgate.judge;

/**
 * One gate's answer with the evidence behind it.
 *
 * @param gate      e.g. {@code latency p99 increase}
 * @param scope     what traffic it was evaluated on: {@code all} or an endpoint name
 * @param decision  GO, NO_GO or INCONCLUSIVE
 * @param baseline  the baseline's value (ms, or a rate)
 * @param candidate the candidate's value
 * @param estimate  the quantity compared with the limit (a relative increase, a rate difference, a value)
 * @param interval  confidence interval for the estimate, or null when the rule uses the point estimate
 * @param limit     the threshold from the scenario, in the estimate's unit
 * @param unit      unit of estimate and limit: {@code ratio}, {@code ms} or {@code points}
 * @param rule      the rule that decided, stated so a reader can check it
 * @param reason    one line for people
 */
public record GateResult(
        String gate,
        String scope,
        Decision decision,
        double baseline,
        double candidate,
        double estimate,
        Interval interval,
        double limit,
        String unit,
        String rule,
        String reason) {
}
