package io.shadowgate.judge;

import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.WindowSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Capacity knees: for each version on its own and each absolute budget, the highest offered
 * rate at which the budget still holds, with an interval, read from a run whose rate ramps up.
 *
 * <p>Each evaluation window is one point: its offered rate (scheduled requests over the
 * window's length), its estimate (percentile or error rate) and two one-sided bounds. With W
 * windows that have enough samples for the budget, every bound is at level
 * 1 − (1 − C)/(2W), so all 2W bounds are right together with probability at least C
 * (Bonferroni). A window is shown to hold if its upper bound is within the budget, shown
 * breached if its lower bound is beyond it. If the quantity does not fall as the rate rises,
 * every window shown to hold lies at or below the knee and every window shown breached above
 * it, so [highest rate shown to hold below the first shown breach, lowest rate shown breached]
 * covers the knee with probability at least C. The point estimate is where the windows'
 * estimates cross the budget, interpolated linearly in rate, once made non-decreasing in rate
 * by their isotonic fit ({@link MonotoneFit}): that is the estimates' own crossing when they
 * rise steadily, and one crossing, without the bias of "first" or "last", when noise makes
 * them cross several times.
 *
 * <p>Rates are window means: on a ramp a window spans a range of rates, so windows much
 * shorter than the ramp keep that blur small. Stateless.
 */
public final class CapacityKnees {

    private static final String BASELINE = "baseline";
    private static final String CANDIDATE = "candidate";

    private CapacityKnees() {
    }

    /**
     * Both versions' curves and knees for each budget, in the budgets' order.
     *
     * @param windows    the run's closed evaluation windows, in any order; windows offered nothing are skipped
     * @param budgets    absolute budgets, e.g. from {@link CapacityBudget#of}
     * @param confidence C in (0, 1): each knee interval's coverage as a whole
     * @param minSamples fewest samples a window needs to say anything about a budget (at least 1)
     */
    public static List<CapacityCurves> find(List<WindowSample> windows, List<CapacityBudget> budgets, double confidence,
                                            long minSamples) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (was " + confidence + ")");
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1 (was " + minSamples + ")");
        }
        List<CapacityCurves> curves = new ArrayList<>(budgets.size());
        for (CapacityBudget budget : budgets) {
            curves.add(new CapacityCurves(budget,
                    curve(BASELINE, windows, budget, confidence, minSamples, WindowSample::baselineLatency,
                            WindowSample::baseline),
                    curve(CANDIDATE, windows, budget, confidence, minSamples, WindowSample::candidateLatency,
                            WindowSample::candidate)));
        }
        return List.copyOf(curves);
    }

    private static CapacityCurve curve(String version, List<WindowSample> windows, CapacityBudget budget,
                                       double confidence, long minSamples, Function<WindowSample, Histogram> latency,
                                       Function<WindowSample, OutcomeCounts> counts) {
        List<WindowSample> offered = windows.stream()
                .filter(w -> w.endNanos() > w.startNanos() && counts.apply(w).scheduled() > 0)
                .sorted(Comparator.comparingDouble((WindowSample w) -> rate(w, counts.apply(w)))
                        .thenComparingInt(WindowSample::index))
                .toList();
        // W counts the windows that will have bounds; it depends on sample counts only, never on their values.
        long informative = offered.stream()
                .map(w -> WindowBudgetBounds.samples(budget, latency.apply(w), counts.apply(w)))
                .filter(n -> WindowBudgetBounds.tooFew(budget, n, minSamples) == null)
                .count();
        double level = informative == 0 ? Double.NaN : 1 - (1 - confidence) / (2.0 * informative);
        List<CapacityPoint> points = new ArrayList<>(offered.size());
        for (WindowSample w : offered) {
            points.add(WindowBudgetBounds.point(w.index(), rate(w, counts.apply(w)), budget, latency.apply(w),
                    counts.apply(w), level, minSamples));
        }
        return new CapacityCurve(version, points, KneeLocator.locate(points, budget, confidence, level, minSamples), level);
    }

    /** Requests per second offered to one target in the window. */
    static double rate(WindowSample window, OutcomeCounts counts) {
        return counts.scheduled() / ((window.endNanos() - window.startNanos()) / 1e9);
    }
}
