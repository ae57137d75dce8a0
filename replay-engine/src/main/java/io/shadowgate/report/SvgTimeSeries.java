package io.shadowgate.report;

import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Inline SVG charts of a run over time, one line per target on shared axes so that baseline
 * and candidate can be compared by eye: latency p99 and p50 from the intended start,
 * throughput and error rate, per interval of the targets' series. Intervals without responses
 * break the latency lines instead of being drawn as zero. Long runs are drawn downsampled
 * (see {@link SvgChart#MAX_POINTS}). Stateless.
 */
final class SvgTimeSeries {

    // About the width a figure gets two to a row, so the labels show at their CSS size.
    private static final int WIDTH = 580;
    private static final int PLOT_HEIGHT = 150;
    private static final long[] TIME_STEPS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10_800, 21_600, 43_200, 86_400};

    private SvgTimeSeries() {
    }

    /** What one chart plots for one interval of one target. */
    private enum Metric {
        P99("Latency p99 from intended start", " ms", true),
        P50("Latency p50 from intended start", " ms", true),
        THROUGHPUT("Throughput, responses per second", "/s", false),
        ERROR_RATE("Error rate, % of requests", "%", false);

        final String title;
        final String unit;
        final boolean latency;

        Metric(String title, String unit, boolean latency) {
            this.title = title;
            this.unit = unit;
            this.latency = latency;
        }
    }

    /** The four charts, or a note when no target recorded a series. */
    static Html.Safe render(List<TargetSummary> targets) {
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        int longest = 0;
        long intervalMillis = 0;
        for (TargetSummary t : targets) {
            for (IntervalPoint p : series(t)) {
                from = Math.min(from, p.startMillis() / 1000.0);
                to = Math.max(to, p.endMillis() / 1000.0);
                intervalMillis = Math.max(intervalMillis, p.endMillis() - p.startMillis());
            }
            longest = Math.max(longest, series(t).size());
        }
        if (longest == 0) {
            return Html.tag("p", "muted", "No time series was recorded.");
        }
        StringBuilder out = new StringBuilder("<div class=\"charts\">\n");
        for (Metric metric : Metric.values()) {
            out.append("<figure class=\"chart\">").append(Html.tag("figcaption", null, metric.title).html())
                    .append(chart(metric, targets, from, to)).append("</figure>\n");
        }
        out.append("</div>\n");
        String drawn = longest <= SvgChart.MAX_POINTS
                ? "One point per interval of about " + ReportNumbers.seconds(intervalMillis) + " s. Gaps in the "
                        + "latency lines are intervals without responses."
                : "Intervals of about " + ReportNumbers.seconds(intervalMillis) + " s, "
                        + ReportNumbers.count(longest) + " of them: each line is drawn as the lowest and highest value of "
                        + "every " + (int) Math.ceil(longest / (SvgChart.MAX_POINTS / 2.0)) + " intervals, so short spikes "
                        + "stay visible. Gaps in the latency lines are stretches that long without responses.";
        return Html.join(Html.raw(out.toString()), Html.tag("p", "legend", drawn + " The error rate counts 5xx "
                + "answers, timeouts and connection errors against the requests that ended in the interval."));
    }

    private static String chart(Metric metric, List<TargetSummary> targets, double from, double to) {
        double[][] values = new double[targets.size()][];
        double[][] times = new double[targets.size()][];
        double top = 0;
        for (int i = 0; i < targets.size(); i++) {
            List<IntervalPoint> series = series(targets.get(i));
            ToDoubleFunction<IntervalPoint> value = value(metric, targets.get(i).counts());
            times[i] = new double[series.size()];
            values[i] = new double[series.size()];
            for (int j = 0; j < series.size(); j++) {
                IntervalPoint p = series.get(j);
                times[i][j] = (p.startMillis() + p.endMillis()) / 2000.0;
                values[i][j] = value.applyAsDouble(p);
                if (Double.isFinite(values[i][j])) {
                    top = Math.max(top, values[i][j]);
                }
            }
        }
        double yMax = SvgChart.niceCeiling(top);
        SvgChart chart = new SvgChart(WIDTH, PLOT_HEIGHT, SvgChart.Scale.linear(from, to),
                SvgChart.Scale.linear(0, yMax), metric.title.toLowerCase(Locale.ROOT) + " over time");
        for (double v : SvgChart.linearTicks(yMax)) {
            chart.yTick(v, SvgChart.tickNumber(v) + metric.unit);
        }
        timeTicks(chart, from, to);
        for (int i = 0; i < targets.size(); i++) {
            String colour = SvgChart.targetColour(i);
            chart.line(times[i], values[i], colour, false);
            boolean empty = Arrays.stream(values[i]).noneMatch(Double::isFinite);
            chart.legend(colour, false, targets.get(i).target()
                    + (empty ? metric.latency ? " (no responses over time)" : " (no series)" : ""));
        }
        return chart.render();
    }

    private static ToDoubleFunction<IntervalPoint> value(Metric metric, OutcomeCounts counts) {
        return switch (metric) {
            case P99 -> IntervalPoint::p99Millis;
            case P50 -> IntervalPoint::p50Millis;
            case THROUGHPUT -> p -> p.endMillis() > p.startMillis()
                    ? p.responses() * 1000.0 / (p.endMillis() - p.startMillis()) : Double.NaN;
            case ERROR_RATE -> {
                double share = share5xx(counts);
                yield p -> errorPercent(p, share);
            }
        };
    }

    /**
     * Errors over requests ended in the interval, in percent; NaN when none ended. An interval
     * counts responses (5xx included) and errors (5xx, timeouts, connection errors) but not the
     * requests that ended, so a 5xx is in both; {@code share5xx}, the run's share of 5xx among
     * its errors, splits the interval's errors. Exact when the errors are all 5xx or all
     * timeouts and connection errors, close when the mix is steady over the run.
     */
    static double errorPercent(IntervalPoint p, double share5xx) {
        if (p.responses() + p.errors() == 0) {
            return Double.NaN;
        }
        double ended = Math.max(p.responses() + p.errors() * (1 - share5xx), p.errors());
        return 100.0 * p.errors() / ended;
    }

    /** The share of 5xx answers among a run's errors; 0 when it had none. */
    static double share5xx(OutcomeCounts counts) {
        return counts == null || counts.errors() == 0 ? 0 : (double) counts.status5xx() / counts.errors();
    }

    /** Round instants from the run start, at most about six of them. */
    static void timeTicks(SvgChart chart, double from, double to) {
        long step = TIME_STEPS_S[TIME_STEPS_S.length - 1];
        for (long s : TIME_STEPS_S) {
            if ((to - from) / s <= 6) {
                step = s;
                break;
            }
        }
        for (long t = (long) Math.ceil(from / step - 1e-9) * step; t <= to + 1e-9; t += step) {
            chart.xTick(t, timeLabel(t), false);
        }
    }

    /** 0, 45 s, 2 min, 1 min 30 s, 2 h, 1 h 30 min. */
    static String timeLabel(long seconds) {
        if (seconds == 0) {
            return "0";
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder label = new StringBuilder();
        if (h > 0) {
            label.append(h).append(" h");
        }
        if (m > 0) {
            label.append(label.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0) {
            label.append(label.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return label.toString();
    }

    private static List<IntervalPoint> series(TargetSummary t) {
        return t.series() == null ? List.of() : t.series();
    }
}
