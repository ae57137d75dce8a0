package io.shadowgate.judge;

import java.util.List;

/**
 * The run's answer: NO_GO if any gate is NO_GO, GO if every gate is GO, else INCONCLUSIVE.
 *
 * @param decision the run's decision
 * @param gates    every gate's result, in scenario order
 * @param reasons  the lines that explain the decision (the deciding gates' reasons)
 * @param windows  each evaluation window judged on its own, in time order; empty when the run
 *                 was not judged by windows. A window's NO_GO gates are also in {@code gates}.
 */
public record Verdict(Decision decision, List<GateResult> gates, List<String> reasons, List<WindowVerdict> windows) {

    /** A verdict on the whole run only. */
    public Verdict(Decision decision, List<GateResult> gates, List<String> reasons) {
        this(decision, gates, reasons, List.of());
    }
}
