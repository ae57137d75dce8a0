package io.shadowgate.judge;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorCount;
import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.compare.ExactUnconditionalTest;
import io.shadowgate.compare.PairedQuantileRatio;
import io.shadowgate.compare.SampleSizeProjection;
import io.shadowgate.scenario.ErrorRateGate;
import java.util.Locale;

/**
 * The error-rate gate: is the candidate's error rate above the baseline's by more than the
 * margin (absolute percentage points)? Decided on the Newcombe hybrid score interval of the
 * difference, or, when errors are few (fewer than ten on a side), on exact unconditional
 * tests at the margin, where normal approximations lose their coverage.
 */
final class ErrorRateGates {

    private final Levels levels;
    private final long minSamples;
    private final boolean exactInterval;

    /**
     * @param exactInterval whether the interval shown with few errors is the exact one (inverting
     *                      the exact test: up to seconds at 2,000 requests a side) or Newcombe's
     *                      (for looks that must be quick); the exact tests at the margin decide either way
     */
    ErrorRateGates(Levels levels, long minSamples, boolean exactInterval) {
        this.levels = levels;
        this.minSamples = minSamples;
        this.exactInterval = exactInterval;
    }

    GateResult increase(Evidence ev, ErrorRateGate gate) {
        String name = "error rate increase";
        double margin = gate.maxIncrease();
        ErrorCount b = ErrorCount.of(ev.baseline().errors(), ev.baseline().judged());
        ErrorCount c = ErrorCount.of(ev.candidate().errors(), ev.candidate().judged());
        // Exact tests where normal approximations fail (few errors) and they stay affordable
        // (a few seconds at 2,000 requests a side); beyond that Newcombe's interval is sound.
        boolean exact = ErrorRateDifference.isSmallCount(b, c)
                && Math.max(b.trials(), c.trials()) <= ErrorRateDifference.EXACT_INTERVAL_MAX_TRIALS;
        String method = exact ? "exact unconditional tests at the margin (Chan 1998), few errors"
                + (exactInterval ? "" : "; the interval shown is Newcombe's, which did not decide")
                : "Newcombe hybrid score interval (Newcombe 1998, method 10)";
        String rule = levels.rule("candidate error rate - baseline error rate", "+" + Format.points(margin), method);
        long fewest = Math.min(b.trials(), c.trials());
        if (fewest < minSamples) {
            return new GateResult(name, ev.scope(), Decision.INCONCLUSIVE, b.rate(), c.rate(), Double.NaN, null, margin,
                    "points", rule, name + ": only " + fewest + " requests judged, at least " + minSamples + " needed");
        }
        double alphaGo = 1 - levels.go();
        double alphaNoGo = 1 - levels.noGo();
        // Interval bounds at the rule's two one-sided levels: a two-sided interval at 1 - 2 alpha.
        DifferenceEstimate goSide;
        DifferenceEstimate noGoSide;
        Decision d;
        if (exact) {
            // The exact tests at the margin decide (their p-values are not monotone in the margin,
            // so an inverted interval can disagree with them); one inverted interval is reported.
            goSide = exactInterval
                    ? ExactUnconditionalTest.interval(b, c, ErrorRateDifference.confidenceForOneSidedAlpha(alphaGo))
                    : ErrorRateDifference.newcombe(b, c, ErrorRateDifference.confidenceForOneSidedAlpha(alphaGo));
            noGoSide = exactInterval ? goSide
                    : ErrorRateDifference.newcombe(b, c, ErrorRateDifference.confidenceForOneSidedAlpha(alphaNoGo));
            d = ExactUnconditionalTest.overMarginPValue(b, c, margin) <= alphaNoGo ? Decision.NO_GO
                    : ExactUnconditionalTest.nonInferiorityPValue(b, c, margin) <= alphaGo ? Decision.GO
                    : Decision.INCONCLUSIVE;
        } else {
            goSide = ErrorRateDifference.newcombe(b, c, ErrorRateDifference.confidenceForOneSidedAlpha(alphaGo));
            noGoSide = ErrorRateDifference.newcombe(b, c, ErrorRateDifference.confidenceForOneSidedAlpha(alphaNoGo));
            d = levels.decide(goSide.upper(), noGoSide.lower(), margin);
        }
        double estimate = c.rate() - b.rate();
        String more = "";
        if (d == Decision.INCONCLUSIVE) {
            DifferenceEstimate deciding = estimate < margin ? goSide : noGoSide;
            more = SampleSizeProjection.requiredPerSide(deciding, margin, fewest)
                    .stream().mapToObj(n -> String.format(Locale.ROOT, "; about %d requests per target in all would likely decide", n))
                    .findFirst().orElse("; the estimate sits on the margin: no amount of traffic is likely to decide");
        }
        String reason = String.format(Locale.ROOT, "%s: candidate %s vs baseline %s, %s [%s, %s], limit +%s%s", name,
                Format.percent(c.rate()), Format.percent(b.rate()), Format.signedPoints(estimate),
                Format.signedPoints(noGoSide.lower()), Format.signedPoints(goSide.upper()), Format.points(margin), more);
        return new GateResult(name, ev.scope(), d, b.rate(), c.rate(), estimate,
                new Interval(noGoSide.lower(), goSide.upper(), levels.confidence(), goSide.method()), margin, "points",
                rule, reason, detectable(goSide, margin));
    }

    /**
     * The smallest increase shown as a breach four times in five at this traffic: the margin
     * plus (z(noGo) + z(0.8)) standard errors, the standard error read off the interval's width.
     */
    private double detectable(DifferenceEstimate interval, double margin) {
        if (!interval.hasData()) {
            return Double.NaN;
        }
        double z = PairedQuantileRatio.z((1 + interval.confidence()) / 2);
        double se = (interval.upper() - interval.lower()) / (2 * z);
        return margin + (PairedQuantileRatio.z(levels.noGo()) + PairedQuantileRatio.z(GateResult.DETECTION_POWER)) * se;
    }
}
