package io.shadowgate.judge;

import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One absolute budget a single version must meet at a given offered rate: a latency percentile
 * at most {@code limit} ms, or the error rate at most {@code limit} (a fraction). Capacity
 * knees are judged against these, each version on its own, never against the other version.
 *
 * @param percentile the latency percentile in (0, 100), or NaN for the error-rate budget
 * @param limit      ms for a latency budget, a fraction in (0, 1) for the error rate
 */
public record CapacityBudget(double percentile, double limit) {

    public CapacityBudget {
        if (!Double.isNaN(percentile) && !(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100) (was " + percentile + ")");
        }
        if (Double.isNaN(percentile) ? !(limit > 0 && limit < 1) : !(limit > 0 && Double.isFinite(limit))) {
            throw new IllegalArgumentException((Double.isNaN(percentile) ? "maxErrorRate must be in (0, 1)"
                    : "maxMs must be positive") + " (was " + limit + ")");
        }
    }

    /** The {@code percentile} of a version's latency at most {@code maxMs}. */
    public static CapacityBudget latency(double percentile, double maxMs) {
        return new CapacityBudget(percentile, maxMs);
    }

    /** A version's error rate (5xx, timeouts, connection errors over judged requests) at most {@code maxErrorRate}. */
    public static CapacityBudget errorRate(double maxErrorRate) {
        return new CapacityBudget(Double.NaN, maxErrorRate);
    }

    /**
     * The budgets of a scenario's gates: each latency percentile that has an absolute budget
     * ({@code maxMs}; relative margins mean nothing for one version alone), in percentile
     * order, then the error-rate cap.
     */
    public static List<CapacityBudget> of(Map<Double, LatencyGate> latency, double maxErrorRate) {
        List<CapacityBudget> budgets = new ArrayList<>();
        new TreeMap<>(latency).forEach((p, gate) -> {
            if (gate.maxMs() != null) {
                budgets.add(latency(p, gate.maxMs()));
            }
        });
        budgets.add(errorRate(maxErrorRate));
        return List.copyOf(budgets);
    }

    public boolean measuresLatency() {
        return !Double.isNaN(percentile);
    }

    /** {@code latency p99} or {@code error rate}. */
    public String name() {
        return measuresLatency() ? "latency " + Format.percentileName(percentile) : "error rate";
    }

    /** Unit of {@link #limit} and of every estimate against it: {@code ms} or {@code fraction}. */
    public String unit() {
        return measuresLatency() ? "ms" : "fraction";
    }

    /** The limit as the judge writes it: {@code 250 ms}, {@code 1.00%}. */
    public String limitText() {
        return measuresLatency() ? Format.millis(limit) : Format.percent(limit);
    }
}
