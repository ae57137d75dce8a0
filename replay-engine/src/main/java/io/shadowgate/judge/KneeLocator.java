package io.shadowgate.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one version's knee off its windows against one budget, windows already bounded and
 * sorted by offered rate: the interval from what the bounds show, the point estimate from
 * where the point estimates cross the budget, and the wording of both. Stateless.
 */
final class KneeLocator {

    /** Crossings a note lists by rate before it only counts them. */
    private static final int MAX_LISTED = 6;

    private KneeLocator() {
    }

    /**
     * @param points     every window by offered rate, too-few ones included (they are skipped)
     * @param confidence C, the interval's coverage as a whole
     * @param level      the one-sided level of each window's bounds
     * @param minSamples for the no-data wording
     */
    static Knee locate(List<CapacityPoint> points, CapacityBudget budget, double confidence, double level,
                       long minSamples) {
        List<CapacityPoint> informative = points.stream().filter(CapacityPoint::informative).toList();
        String rule = rule(budget, confidence, level, informative.size(), minSamples);
        String c = Levels.percent(confidence);
        if (informative.isEmpty()) {
            return new Knee(Knee.Kind.NO_DATA, Double.NaN, 0, Double.POSITIVE_INFINITY, confidence,
                    "no knee: no window had enough data (" + largestShortfall(points, budget, minSamples) + ")", rule, "");
        }
        // The interval: the lowest rate shown breached, and the highest shown to hold below it.
        double upper = Double.POSITIVE_INFINITY;
        for (CapacityPoint p : informative) {
            if (p.status() == CapacityPoint.Status.BREACHED) {
                upper = Math.min(upper, p.rate());
            }
        }
        double lower = 0;
        double holdsAbove = Double.NaN;
        for (CapacityPoint p : informative) {
            if (p.status() == CapacityPoint.Status.HOLDS) {
                if (p.rate() < upper) {
                    lower = Math.max(lower, p.rate());
                } else {
                    holdsAbove = Double.isNaN(holdsAbove) ? p.rate() : Math.max(holdsAbove, p.rate());
                }
            }
        }
        // The estimate: where the monotone fit of the estimates first goes over the budget.
        int n = informative.size();
        double[] values = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = informative.get(i).estimate();
            weights[i] = informative.get(i).samples();
        }
        double[] fit = MonotoneFit.nondecreasing(values, weights);
        int first = 0;
        while (first < n && fit[first] <= budget.limit()) {
            first++;
        }
        Knee.Kind kind;
        double estimate = Double.NaN;
        String where;
        if (first == n) {
            kind = Knee.Kind.ABOVE_RAMP;
            where = "knee above " + Format.rate(informative.get(n - 1).rate()) + ", the highest rate tested";
        } else if (first == 0) {
            kind = Knee.Kind.BELOW_RAMP;
            where = "knee below " + Format.rate(informative.get(0).rate()) + ", the lowest rate tested";
        } else {
            kind = Knee.Kind.WITHIN_RAMP;
            estimate = crossing(informative.get(first - 1).rate(), fit[first - 1], informative.get(first).rate(),
                    fit[first], budget.limit());
            where = "knee at about " + Format.rate(estimate);
        }
        String statement = where + "; " + interval(lower, upper, c);
        return new Knee(kind, estimate, lower, upper, confidence, statement, rule,
                note(informative, budget, upper, holdsAbove));
    }

    private static boolean over(CapacityPoint p, CapacityBudget budget) {
        return p.estimate() > budget.limit();
    }

    /** The rate where the line from (rateA, a) to (rateB, b), one value on each side of the limit, meets it. */
    private static double crossing(double rateA, double a, double rateB, double b, double limit) {
        return rateA + Math.min(1, Math.max(0, (limit - a) / (b - a))) * (rateB - rateA);
    }

    private static String interval(double lower, double upper, String c) {
        boolean bounded = Double.isFinite(upper);
        if (lower > 0 && bounded) {
            return c + " interval " + number(lower) + " to " + Format.rate(upper);
        }
        if (lower > 0) {
            return c + " interval from " + Format.rate(lower) + " up (no window was shown to breach the budget)";
        }
        if (bounded) {
            return c + " interval below " + Format.rate(upper) + " (no window below it was shown to hold)";
        }
        return "no window was shown to hold or to breach the budget at " + c;
    }

    /** What a reader should doubt: signs that the quantity does not rise with the rate. */
    private static String note(List<CapacityPoint> informative, CapacityBudget budget, double upper, double holdsAbove) {
        List<String> notes = new ArrayList<>();
        List<String> crossings = new ArrayList<>();
        boolean fellBack = false;
        for (int i = 1; i < informative.size(); i++) {
            CapacityPoint a = informative.get(i - 1);
            CapacityPoint b = informative.get(i);
            if (over(a, budget) != over(b, budget)) {
                crossings.add(number(crossing(a.rate(), a.estimate(), b.rate(), b.estimate(), budget.limit())));
                fellBack |= over(a, budget);
            }
        }
        if (fellBack) {
            notes.add(String.format(Locale.ROOT, "the %s estimate crosses the %s budget %s along the ramp (at about %s "
                            + "req/s), so it does not rise steadily with the rate; the knee estimate is where the "
                            + "estimates' monotone fit crosses it", budget.name(), budget.limitText(),
                    crossings.size() == 1 ? "once, downwards," : crossings.size() + " times", listed(crossings)));
        }
        if (!Double.isNaN(holdsAbove)) {
            notes.add("shown to hold at " + Format.rate(holdsAbove) + ", above the first shown breach at "
                    + Format.rate(upper) + ": the interval assumes the " + budget.name()
                    + " does not fall as the rate rises, which these windows contradict");
        }
        return String.join("; ", notes);
    }

    /** The first few of {@code rates}, then how many more. */
    private static String listed(List<String> rates) {
        if (rates.size() <= MAX_LISTED) {
            return String.join(", ", rates);
        }
        return String.join(", ", rates.subList(0, MAX_LISTED)) + " and " + (rates.size() - MAX_LISTED) + " more";
    }

    /** A rate without its unit, as the interval's left end. */
    private static String number(double rate) {
        String text = Format.rate(rate);
        return text.substring(0, text.length() - " req/s".length());
    }

    /** Why the window with the most samples still had too few. */
    private static String largestShortfall(List<CapacityPoint> points, CapacityBudget budget, long minSamples) {
        if (points.isEmpty()) {
            return "no window was offered any requests";
        }
        long most = points.stream().mapToLong(CapacityPoint::samples).max().orElse(0);
        return "the largest had " + WindowBudgetBounds.tooFew(budget, most, minSamples);
    }

    private static String rule(CapacityBudget budget, double confidence, double level, int windows, long minSamples) {
        String quantity = budget.measuresLatency() ? "the " + Format.percentileName(budget.percentile()) : "the error rate";
        return String.format(Locale.ROOT, "Knee interval at %s as a whole: each window's one-sided lower and upper "
                        + "bounds at %s = 1 - (1 - C)/(2W) (Bonferroni over both bounds of the W = %d windows with enough "
                        + "data); a window is shown to hold if its upper bound <= %s and shown breached if its lower bound "
                        + "> %s; the interval runs from the highest offered rate shown to hold below the first shown breach "
                        + "(0 if none) to the lowest offered rate shown breached (unbounded if none), and covers the knee "
                        + "if %s does not fall as the offered rate rises. Estimate: the offered rate where the windows' "
                        + "point estimates cross the budget, interpolated linearly between the last window at or under it "
                        + "and the first over, the estimates first made non-decreasing in rate by their isotonic fit "
                        + "(pool-adjacent-violators, weighted by samples), which leaves monotone estimates as they are and "
                        + "gives one crossing when noise makes them cross more than once. Offered rate: a window's scheduled "
                        + "requests over its length (its mean over the window). Bounds: %s. A window says nothing with %s.",
                Levels.percent(confidence), Double.isNaN(level) ? "n/a" : Levels.percent(level), windows,
                budget.limitText(), budget.limitText(), quantity,
                WindowBudgetBounds.method(budget), WindowBudgetBounds.tooFewRule(budget, minSamples));
    }
}
