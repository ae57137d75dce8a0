package io.shadowgate.compare.model;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The model gates the judge calls at the end of a run, on a {@link ModelComparisonSummary}.
 * Each is a one-sided test against a limit: HOLDS when the upper bound at one-sided level
 * {@code alphaHolds} is at or below the limit, BREACHED when the lower bound at one-sided level
 * {@code alphaBreached} is above it, else UNDECIDED. The two levels are separate so the judge
 * can spend its error budget as it does for its other gates (e.g. Bonferroni on the breach
 * side); the three-argument forms use one alpha for both. Stateless and thread-safe.
 */
public final class ModelGates {

    /**
     * Fewest scored pairs for the drift gate to decide. The drift is an absolute difference,
     * often skewed (mostly near zero, a few large); the t-interval rests on the central limit
     * theorem, which needs some pairs before its coverage can be trusted.
     */
    public static final long MIN_DRIFT_PAIRS = 30;

    private ModelGates() {
    }

    /** {@link #maxLabelFlipRate(ModelComparisonSummary, double, double, double)} with one alpha for both sides. */
    public static ModelGateResult maxLabelFlipRate(ModelComparisonSummary summary, double limit, double alpha) {
        return maxLabelFlipRate(summary, limit, alpha, alpha);
    }

    /**
     * Is the label flip rate at most {@code limit} (a proportion, e.g. 0.02)? Bounds are Wilson
     * score bounds on flipped / compared, over pairs where both sides had a label; pairs where one
     * side lacked it are reported in the reason but are not flips (a missing field is the contract
     * check's to judge). With no compared pairs the answer is UNDECIDED.
     */
    public static ModelGateResult maxLabelFlipRate(ModelComparisonSummary summary, double limit, double alphaHolds,
                                                   double alphaBreached) {
        checkAlpha(alphaHolds);
        checkAlpha(alphaBreached);
        if (!(limit >= 0 && limit <= 1)) {
            throw new IllegalArgumentException("label flip rate limit must be in [0, 1] (was " + limit + ")");
        }
        String gate = "label flip rate";
        LabelFlips flips = summary.labels();
        String rule = rule(gate, percent(limit), alphaHolds, alphaBreached, WilsonInterval.METHOD);
        double upper = flips.interval(1 - 2 * alphaHolds).upper();
        double lower = flips.interval(1 - 2 * alphaBreached).lower();
        String missing = String.format(Locale.ROOT, "; label only on baseline %d, only on candidate %d, on neither %d",
                flips.baselineOnly(), flips.candidateOnly(), flips.neither());
        if (flips.compared() == 0) {
            return new ModelGateResult(gate, GateOutcome.UNDECIDED, Double.NaN, lower, upper, limit, 0,
                    WilsonInterval.METHOD, rule, gate + ": no pair had a label on both sides" + missing);
        }
        GateOutcome outcome = decide(upper, lower, limit);
        String reason = String.format(Locale.ROOT, "%s: %d of %d pairs flipped, %s [%s, %s], limit %s%s", gate,
                flips.flipped(), flips.compared(), percent(flips.rate()), percent(lower), percent(upper),
                percent(limit), missing);
        return new ModelGateResult(gate, outcome, flips.rate(), lower, upper, limit, flips.compared(),
                WilsonInterval.METHOD, rule, reason);
    }

    /** {@link #maxScoreDrift(ModelComparisonSummary, double, double, double)} with one alpha for both sides. */
    public static ModelGateResult maxScoreDrift(ModelComparisonSummary summary, double limit, double alpha) {
        return maxScoreDrift(summary, limit, alpha, alpha);
    }

    /**
     * Is the mean absolute score difference per pair at most {@code limit} (score units)? Decided
     * on the mean, not the p99, because the mean has a confidence interval that holds its level
     * from moderate samples (Student's t on all scored pairs, needing {@value #MIN_DRIFT_PAIRS});
     * a p99 from a sample has a wide, distribution-dependent interval. The p99 and the KS
     * statistic and p-value are reported alongside in the reason.
     */
    public static ModelGateResult maxScoreDrift(ModelComparisonSummary summary, double limit, double alphaHolds,
                                                double alphaBreached) {
        checkAlpha(alphaHolds);
        checkAlpha(alphaBreached);
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("score drift limit must be finite and >= 0 (was " + limit + ")");
        }
        String gate = "score drift";
        String method = "Student's t interval on the mean absolute difference";
        ScoreDrift drift = summary.drift();
        String rule = rule(gate + " (mean |candidate - baseline| per pair)", number(limit), alphaHolds, alphaBreached,
                method);
        String alongside = String.format(Locale.ROOT, "; p99 %s, max %s, KS D %s (p %s, %d sampled pairs)",
                number(drift.p99()), number(drift.max()), number(drift.ksStatistic()), number(drift.ksPValue()),
                drift.sampled());
        long n = drift.compared();
        if (n < 2) {
            return new ModelGateResult(gate, GateOutcome.UNDECIDED, drift.mean(), Double.NaN, Double.NaN, limit, n,
                    method, rule, String.format(Locale.ROOT, "%s: only %d pairs scored on both sides, at least %d needed%s",
                            gate, n, MIN_DRIFT_PAIRS, alongside));
        }
        TDistribution t = new TDistribution(null, n - 1);
        double standardError = drift.standardDeviation() / Math.sqrt(n);
        double upper = drift.mean() + t.inverseCumulativeProbability(1 - alphaHolds) * standardError;
        // An absolute difference is never negative; the clamp only matters when the mean is near 0.
        double lower = Math.max(0, drift.mean() - t.inverseCumulativeProbability(1 - alphaBreached) * standardError);
        if (n < MIN_DRIFT_PAIRS) {
            return new ModelGateResult(gate, GateOutcome.UNDECIDED, drift.mean(), lower, upper, limit, n, method, rule,
                    String.format(Locale.ROOT, "%s: mean |difference| %s [%s, %s], but only %d pairs scored on both "
                                    + "sides, at least %d needed%s", gate, number(drift.mean()), number(lower),
                            number(upper), n, MIN_DRIFT_PAIRS, alongside));
        }
        GateOutcome outcome = decide(upper, lower, limit);
        String reason = String.format(Locale.ROOT, "%s: mean |difference| %s [%s, %s] over %d pairs, limit %s%s", gate,
                number(drift.mean()), number(lower), number(upper), n, number(limit), alongside);
        return new ModelGateResult(gate, outcome, drift.mean(), lower, upper, limit, n, method, rule, reason);
    }

    private static GateOutcome decide(double upper, double lower, double limit) {
        if (lower > limit) {
            return GateOutcome.BREACHED;
        }
        return upper <= limit ? GateOutcome.HOLDS : GateOutcome.UNDECIDED;
    }

    private static String rule(String quantity, String limit, double alphaHolds, double alphaBreached, String method) {
        return String.format(Locale.ROOT, "HOLDS if the one-sided %s upper bound of the %s <= %s; BREACHED if the "
                        + "one-sided %s lower bound > %s; else UNDECIDED. Bounds: %s",
                percent(1 - alphaHolds), quantity, limit, percent(1 - alphaBreached), limit, method);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("one-sided alpha must be in (0, 0.5) (was " + alpha + ")");
        }
    }

    private static String percent(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.3f", p * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.4g", x);
    }
}
