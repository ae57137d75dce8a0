package io.shadowgate.judge;

import java.util.List;

/**
 * The run's answer: NO_GO if any gate is NO_GO, GO if every gate is GO, else INCONCLUSIVE.
 *
 * @param decision the run's decision
 * @param gates    every gate's result, in scenario order
 * @param reasons  the lines that explain the decision (the deciding gates' reasons)
 */
public record Verdict(Decision decision, List<GateResult> gates, List<String> reasons) {
}
