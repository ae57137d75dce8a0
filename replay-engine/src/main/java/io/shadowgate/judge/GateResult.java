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
 * @param detectable the smallest true value (in the estimate's unit) that this much traffic
 *                  would show as a breach (NO_GO) four times in five; NaN where not computed
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
        String reason,
        double detectable) {

    /** Power of the "smallest detectable" figure: the breach is shown this often. */
    public static final double DETECTION_POWER = 0.8;

    /** A result without a detectable-effect figure. */
    public GateResult(String gate, String scope, Decision decision, double baseline, double candidate, double estimate,
                      Interval interval, double limit, String unit, String rule, String reason) {
        this(gate, scope, decision, baseline, candidate, estimate, interval, limit, unit, rule, reason, Double.NaN);
    }
}
