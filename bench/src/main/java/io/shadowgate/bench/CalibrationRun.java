package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one simulated experiment came to: the verdict, the traffic it was reached on, the
 * gate's estimate and interval, and, when INCONCLUSIVE, the traffic the judge's reason says
 * would likely decide. Immutable.
 *
 * @param decision  the run's verdict
 * @param estimate  the gate's estimate (relative increase, or difference of rates), NaN if none
 * @param width     upper minus lower bound of the gate's interval, NaN if it has none
 * @param detectable the judge's "smallest regression this traffic would catch four times in
 *                  five" ({@link GateResult#detectable()}), in the estimate's unit, NaN if none
 * @param toDecide  "about N ... in all would likely decide" from an INCONCLUSIVE reason, or -1
 * @param pairs     request pairs (requests per side) judged for the verdict: the look that
 *                  decided, or all of them
 */
record CalibrationRun(Decision decision, double estimate, double width, double detectable, long toDecide, long pairs) {

    /** The judge's wording for latency ("request pairs") and error gates ("requests per target"). */
    private static final Pattern TO_DECIDE =
            Pattern.compile("about (\\d+) (?:request pairs|requests per target) in all would likely decide");

    static CalibrationRun of(Verdict verdict, long pairs) {
        GateResult gate = verdict.gates().get(0);
        double width = gate.interval() == null ? Double.NaN : gate.interval().upper() - gate.interval().lower();
        long toDecide = verdict.decision() == Decision.INCONCLUSIVE ? toDecide(gate.reason()).orElse(-1) : -1;
        return new CalibrationRun(verdict.decision(), gate.estimate(), width, gate.detectable(), toDecide, pairs);
    }

    static OptionalLong toDecide(String reason) {
        Matcher m = TO_DECIDE.matcher(reason);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
