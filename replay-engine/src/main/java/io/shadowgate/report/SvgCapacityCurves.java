package io.shadowgate.report;

import io.shadowgate.judge.CapacityCurve;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.CapacityPoint;
import io.shadowgate.judge.Knee;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Capacity curves: one chart per absolute budget, the offered rate across, each version's
 * window estimates with their band of bounds, the budget as a red dashed line, and each
 * version's knee interval as a bar along the bottom with a tick at its estimate. Latency is
 * drawn on a logarithmic axis (past the knee it grows by orders of magnitude, and a linear axis
 * would flatten everything under the budget); the error rate on a linear one, in percent.
 * Windows with too few samples are left out. Version names come from the scenario and are
 * cleaned and escaped. Stateless.
 */
final class SvgCapacityCurves {

    // Two to a row, like the time series.
    private static final int WIDTH = 580;
    private static final int PLOT_HEIGHT = 180;
    private static final String BUDGET_COLOUR = "#cf222e";
    /** Beyond this many windows a curve is drawn as a line only, without a dot (and tooltip) per window. */
    private static final int MAX_DOTS = 200;

    private SvgCapacityCurves() {
    }

    /**
     * The charts, or a note when there are no budgets.
     *
     * @param baselineName  the baseline's name as the report shows it (untrusted)
     * @param candidateName the candidate's
     */
    static Html.Safe render(List<CapacityCurves> budgets, String baselineName, String candidateName) {
        if (budgets.isEmpty()) {
            return Html.tag("p", "muted", "No capacity budgets were set.");
        }
        StringBuilder out = new StringBuilder("<div class=\"charts\">\n");
        for (CapacityCurves budget : budgets) {
            out.append("<figure class=\"chart\">")
                    .append(Html.tag("figcaption", null, title(budget)).html())
                    .append(chart(budget, ReportText.clean(baselineName), ReportText.clean(candidateName)))
                    .append("</figure>\n");
        }
        out.append("</div>\n");
        return Html.join(Html.raw(out.toString()), Html.tag("p", "legend", "Each dot is one evaluation window at the "
                + "rate it was offered, with the window's estimate; the shaded band spans its one-sided bounds, "
                + "Bonferroni-adjusted over the windows so that each knee interval holds at its stated confidence as a "
                + "whole. The red dashed line is the budget. The bars along the bottom are each version's knee interval "
                + "(from the highest rate shown to hold to the lowest shown breached; to the edge when unbounded), the "
                + "tick its estimate. Windows with too few samples for a budget are left out. Hover a dot or a bar for "
                + "its figures."));
    }

    private static String title(CapacityCurves budget) {
        return "Capacity: " + budget.budget().name() + " against " + limitText(budget) + ", by offered rate";
    }

    private static String chart(CapacityCurves budget, String baselineName, String candidateName) {
        boolean latency = budget.budget().measuresLatency();
        double scale = latency ? 1 : 100;
        String unit = latency ? " ms" : "%";
        double limit = budget.budget().limit() * scale;
        List<Drawn> versions = List.of(Drawn.of(budget.baseline(), baselineName, 0, scale),
                Drawn.of(budget.candidate(), candidateName, 1, scale));

        double maxRate = 0;
        double top = limit;
        double bottom = limit;
        for (Drawn d : versions) {
            for (int i = 0; i < d.rates.length; i++) {
                maxRate = Math.max(maxRate, d.rates[i]);
                if (Double.isFinite(d.estimates[i])) {
                    top = Math.max(top, d.estimates[i]);
                    if (d.estimates[i] > 0) {
                        bottom = Math.min(bottom, d.estimates[i]);
                    }
                }
            }
        }
        SvgChart.Scale y;
        List<Double> yTicks;
        if (latency) {
            double yMin = SvgChart.niceFloor(bottom);
            double yMax = SvgChart.niceCeiling(top * 1.1);
            if (yMax <= yMin) {
                yMax = SvgChart.niceCeiling(yMin * 1.5);
            }
            y = SvgChart.Scale.log(yMin, yMax);
            yTicks = SvgChart.logTicks(yMin, yMax);
        } else {
            double yMax = SvgChart.niceCeiling(top * 1.1);
            y = SvgChart.Scale.linear(0, yMax);
            yTicks = SvgChart.linearTicks(yMax);
        }
        double xMax = maxRate > 0 ? maxRate : 1;
        SvgChart chart = new SvgChart(WIDTH, PLOT_HEIGHT, SvgChart.Scale.linear(0, xMax), y,
                title(budget).toLowerCase(Locale.ROOT) + ", baseline versus candidate");
        for (double v : yTicks) {
            chart.yTick(v, SvgChart.tickNumber(v) + unit);
        }
        double step = SvgChart.niceCeiling(xMax / 6);
        for (double x = 0; x <= xMax * (1 + 1e-9); x += step) {
            chart.xTick(x, SvgChart.tickNumber(x), true);
        }
        chart.xTitle("offered rate, requests per second to each version");
        double bandTop = y.max();
        for (Drawn d : versions) {
            chart.band(d.rates, d.lowers, clamp(d.uppers, bandTop), d.colour);
        }
        chart.line(new double[] {0, xMax}, new double[] {limit, limit}, BUDGET_COLOUR, true);
        for (Drawn d : versions) {
            chart.line(d.rates, d.estimates, d.colour, false);
            if (d.rates.length <= MAX_DOTS) {
                chart.dots(d.rates, d.estimates, d.colour, d.tooltips);
            }
        }
        for (Drawn d : versions) {
            Knee knee = d.curve.knee();
            if (knee.kind() != Knee.Kind.NO_DATA) {
                chart.xInterval(knee.lower(), knee.upper(), knee.estimate(), d.row, d.colour,
                        d.name + ": " + knee.statement());
            }
        }
        for (Drawn d : versions) {
            chart.legend(d.colour, false, d.name + ": " + kneeLabel(d.curve.knee()));
        }
        chart.legend(BUDGET_COLOUR, true, "budget " + SvgChart.tickNumber(limit) + unit);
        return chart.render();
    }

    /** Short form of a knee for the legend: {@code knee ≈ 1850 req/s, 99% in [1800, 2000]}. */
    static String kneeLabel(Knee knee) {
        String interval = ", " + ReportNumbers.confidence(knee.confidence()) + " in [" + ReportNumbers.sig3(knee.lower())
                + ", " + (Double.isFinite(knee.upper()) ? ReportNumbers.sig3(knee.upper()) : "∞") + ")";
        return switch (knee.kind()) {
            case WITHIN_RAMP -> "knee ≈ " + ReportNumbers.sig3(knee.estimate()) + " req/s" + interval;
            case ABOVE_RAMP -> "knee above the ramp" + interval;
            case BELOW_RAMP -> "knee below the ramp" + interval;
            case NO_DATA -> "no window had enough samples";
        };
    }

    private static String limitText(CapacityCurves budget) {
        double limit = budget.budget().limit();
        return budget.budget().measuresLatency() ? ReportNumbers.ms(limit) + " ms" : ReportNumbers.percent(limit);
    }

    private static double[] clamp(double[] values, double max) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(out[i], max);
        }
        return out;
    }

    /** One version's windows with enough samples, in the chart's units, with its colour and bar row. */
    private record Drawn(CapacityCurve curve, String name, int row, String colour, double[] rates, double[] estimates,
                         double[] lowers, double[] uppers, List<String> tooltips) {

        static Drawn of(CapacityCurve curve, String name, int role, double scale) {
            List<CapacityPoint> kept = curve.points().stream().filter(CapacityPoint::informative).toList();
            int n = kept.size();
            double[] rates = new double[n];
            double[] estimates = new double[n];
            double[] lowers = new double[n];
            double[] uppers = new double[n];
            List<String> tips = new ArrayList<>(n);
            String unit = scale == 1 ? " ms" : "%";
            for (int i = 0; i < n; i++) {
                CapacityPoint p = kept.get(i);
                rates[i] = p.rate();
                estimates[i] = p.estimate() * scale;
                lowers[i] = p.lower() * scale;
                uppers[i] = p.upper() * scale;
                tips.add(name + ", window " + p.window() + " at " + ReportNumbers.sig3(p.rate()) + " req/s: "
                        + ReportNumbers.sig3(estimates[i]) + unit + " [" + ReportNumbers.sig3(lowers[i]) + ", "
                        + (Double.isFinite(uppers[i]) ? ReportNumbers.sig3(uppers[i]) : "∞") + "], "
                        + p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + p.samples()
                        + " samples)");
            }
            return new Drawn(curve, name, role, SvgChart.targetColour(role), rates, estimates, lowers, uppers, tips);
        }
    }
}
