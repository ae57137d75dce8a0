package io.shadowgate.report;

import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.Percentile;
import io.shadowgate.metrics.TargetSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency percentile spectrum: latency at each percentile a summary carries, for every
 * target, both from the intended start (solid) and as service time from the actual send
 * (dashed). The x axis counts nines, x = −log10(1 − p/100), so p90, p99, p99.9 and p99.99 are
 * evenly spaced and the tail gets as much room as the median; the y axis is logarithmic too,
 * because tails are often ten or a hundred times the median and a linear axis would flatten
 * everything below p99 into the floor. Stateless.
 */
final class SvgPercentileSpectrum {

    private static final int WIDTH = 900;
    private static final int PLOT_HEIGHT = 260;
    private static final double[] TICKS = {50, 90, 99, 99.9, 99.99, 99.999};

    private SvgPercentileSpectrum() {
    }

    /** The chart in a figure, with a line saying how to read it; a note when no target has a distribution. */
    static Html.Safe render(List<TargetSummary> targets) {
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetSummary t = targets.get(i);
            String colour = SvgChart.targetColour(i);
            curves.add(Curve.of(t.target(), "intended start", t.latency(), colour, false));
            curves.add(Curve.of(t.target(), "service time", t.service(), colour, true));
        }
        double lowNines = nines(TICKS[0]);
        double highNines = nines(99.99);
        double lowMs = Double.POSITIVE_INFINITY;
        double highMs = 0;
        for (Curve c : curves) {
            for (int i = 0; i < c.nines.length; i++) {
                lowNines = Math.min(lowNines, c.nines[i]);
                highNines = Math.max(highNines, c.nines[i]);
                lowMs = Math.min(lowMs, c.millis[i]);
                highMs = Math.max(highMs, c.millis[i]);
            }
        }
        if (highMs == 0) {
            return Html.tag("p", "muted", "No latency distribution was recorded.");
        }
        double yMin = SvgChart.niceFloor(lowMs);
        double yMax = SvgChart.niceCeiling(highMs);
        if (yMax <= yMin) {
            yMax = SvgChart.niceCeiling(yMin * 1.5);
        }
        SvgChart chart = new SvgChart(WIDTH, PLOT_HEIGHT, SvgChart.Scale.linear(lowNines, highNines),
                SvgChart.Scale.log(yMin, yMax), "latency percentile spectrum, baseline versus candidate");
        for (double v : SvgChart.logTicks(yMin, yMax)) {
            chart.yTick(v, SvgChart.tickNumber(v) + " ms");
        }
        for (double p : TICKS) {
            double at = nines(p);
            if (at >= lowNines - 1e-9 && at <= highNines + 1e-9) {
                chart.xTick(at, ReportNumbers.percentileLabel(p), true);
            }
        }
        chart.xTitle("percentile, on a scale of nines: each step right is ten times rarer");
        for (Curve c : curves) {
            if (c.nines.length == 0) {
                continue;
            }
            chart.line(c.nines, c.millis, c.colour, c.dashed).dots(c.nines, c.millis, c.colour, c.tooltips);
        }
        for (Curve c : curves) {
            chart.legend(c.colour, c.dashed, c.name + (c.nines.length == 0 ? " (no data)" : ""));
        }
        return Html.join(Html.wrap("figure", "chart wide", Html.join(
                        Html.tag("figcaption", null, "Latency percentile spectrum"), Html.raw(chart.render()))),
                Html.tag("p", "legend", "Latency in ms at each percentile, both axes logarithmic. Solid: from the "
                        + "intended send instant (includes waiting behind a slow target, no coordinated omission); "
                        + "dashed: service time from the actual send. Hover a dot for its value."));
    }

    /** Nines of a percentile: p90 → 1, p99 → 2, p99.9 → 3. */
    static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100);
    }

    /** One line of the chart: the finite, positive percentiles of one distribution, in order. */
    private record Curve(String name, double[] nines, double[] millis, List<String> tooltips, String colour,
                         boolean dashed) {

        static Curve of(String target, String measure, LatencySummary summary, String colour, boolean dashed) {
            List<Percentile> kept = new ArrayList<>();
            if (summary != null && summary.percentiles() != null) {
                for (Percentile p : summary.percentiles()) {
                    if (p.percentile() > 0 && p.percentile() < 100 && Double.isFinite(p.millis()) && p.millis() > 0) {
                        kept.add(p);
                    }
                }
            }
            kept.sort((a, b) -> Double.compare(a.percentile(), b.percentile()));
            double[] xs = new double[kept.size()];
            double[] ys = new double[kept.size()];
            List<String> tips = new ArrayList<>();
            String name = target + ", " + measure;
            for (int i = 0; i < kept.size(); i++) {
                xs[i] = SvgPercentileSpectrum.nines(kept.get(i).percentile());
                ys[i] = kept.get(i).millis();
                tips.add(name + ": " + ReportNumbers.percentileLabel(kept.get(i).percentile()) + " = "
                        + ReportNumbers.ms(ys[i]) + " ms");
            }
            return new Curve(name, xs, ys, tips, colour, dashed);
        }
    }
}
