package io.shadowgate.judge;

import io.shadowgate.compare.QuantileBounds;
import io.shadowgate.compare.model.WilsonInterval;
import io.shadowgate.metrics.OutcomeCounts;
import org.HdrHistogram.Histogram;

/**
 * One window of one version against one absolute budget: the estimate and its two one-sided
 * bounds at a given level, and what they show. Latency percentiles get distribution-free
 * order-statistic bounds read from the histogram ({@link QuantileBounds}); the error rate gets
 * Wilson bounds ({@link WilsonInterval}). Stateless.
 */
final class WindowBudgetBounds {

    private WindowBudgetBounds() {
    }

    /** How many samples the window has for {@code budget}: latency samples, or judged requests. */
    static long samples(CapacityBudget budget, Histogram latency, OutcomeCounts counts) {
        return budget.measuresLatency() ? latency.getTotalCount() : counts.judged();
    }

    /** Why {@code samples} cannot speak to {@code budget}, or null if they can. */
    static String tooFew(CapacityBudget budget, long samples, long minSamples) {
        if (budget.measuresLatency()) {
            return LatencyGates.tooThin(samples, budget.percentile(), minSamples, "latency samples");
        }
        return samples < minSamples ? "only " + samples + " judged requests, at least " + minSamples + " needed" : null;
    }

    /**
     * The window's point at one-sided {@code level}; {@link CapacityPoint.Status#TOO_FEW} without bounds
     * when the window has too few samples.
     */
    static CapacityPoint point(int window, double rate, CapacityBudget budget, Histogram latency, OutcomeCounts counts,
                               double level, long minSamples) {
        long n = samples(budget, latency, counts);
        double estimate;
        double lower;
        double upper;
        if (budget.measuresLatency()) {
            QuantileBounds.Result q = QuantileBounds.of(latency, budget.percentile());
            estimate = q.estimate();
            if (tooFew(budget, n, minSamples) != null) {
                return new CapacityPoint(window, rate, n, estimate, Double.NaN, Double.NaN, CapacityPoint.Status.TOO_FEW);
            }
            lower = q.lower(level);
            upper = q.upper(level);
        } else {
            estimate = n == 0 ? Double.NaN : counts.errorRate();
            if (tooFew(budget, n, minSamples) != null) {
                return new CapacityPoint(window, rate, n, estimate, Double.NaN, Double.NaN, CapacityPoint.Status.TOO_FEW);
            }
            // Each bound of a two-sided Wilson interval at 1 - 2a is a one-sided bound at 1 - a.
            WilsonInterval w = WilsonInterval.of(counts.errors(), n, 1 - 2 * (1 - level));
            lower = w.lower();
            upper = w.upper();
        }
        CapacityPoint.Status status = upper <= budget.limit() ? CapacityPoint.Status.HOLDS
                : lower > budget.limit() ? CapacityPoint.Status.BREACHED : CapacityPoint.Status.UNDECIDED;
        return new CapacityPoint(window, rate, n, estimate, lower, upper, status);
    }

    /** How the bounds are computed, for the rule. */
    static String method(CapacityBudget budget) {
        return budget.measuresLatency()
                ? "distribution-free order-statistic bounds (binomial ranks) on the window's "
                        + Format.percentileName(budget.percentile())
                        + " from intended start, timeouts counted at the time waited"
                : WilsonInterval.METHOD + " on the window's 5xx, timeouts and connection errors over its judged requests";
    }

    /** When a window says nothing, for the rule. */
    static String tooFewRule(CapacityBudget budget, long minSamples) {
        if (budget.measuresLatency()) {
            return "fewer than " + minSamples + " latency samples, or fewer than " + LatencyGates.MIN_TAIL_SAMPLES
                    + " beyond the " + Format.percentileName(budget.percentile());
        }
        return "fewer than " + minSamples + " judged requests";
    }
}
