package io.shadowgate.judge;

import java.util.List;

/**
 * One evaluation window judged on its own, to locate in time a regression that starts
 * mid-run. NO_GO here makes the run NO_GO (see {@link Judge#withWindows}); GO here says only
 * that this window looked fine, since GO for the run needs the whole run's evidence.
 *
 * @param index       0 for the first window
 * @param startMillis window start, from the schedule's start
 * @param endMillis   window end (exclusive)
 * @param pairs       request pairs both targets answered (or timed out on) in the window
 * @param decision    NO_GO if any gate is, GO if all are, else INCONCLUSIVE
 * @param gates       each gate on this window's traffic alone
 */
public record WindowVerdict(int index, long startMillis, long endMillis, long pairs, Decision decision,
                            List<GateResult> gates) {
}
