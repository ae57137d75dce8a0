package io.shadowgate.report;

import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.TargetSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Small inline SVG charts of latency p50 and p99 over a run, one per target. All targets share
 * the same axes so that baseline and candidate can be compared by eye. Intervals without
 * responses (NaN) break the line instead of being drawn as zero. Stateless.
 */
final class SvgTimeSeries {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 170;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;
    private static final String P50_COLOUR = "#0969da";
    private static final String P99_COLOUR = "#bc4c00";

    private SvgTimeSeries() {
    }

    /** One chart per target with a series, or a note when no target recorded one. */
    static Html.Safe render(List<TargetSummary> targets) {
        Axes axes = Axes.of(targets);
        if (axes == null) {
            return Html.tag("p", "muted", "No time series was recorded.");
        }
        StringBuilder out = new StringBuilder("<div class=\"charts\">\n");
        for (TargetSummary target : targets) {
            out.append("<figure class=\"chart\">");
            out.append(Html.tag("figcaption", null, target.target()).html());
            if (hasValues(target.series())) {
                out.append(chart(target, axes));
            } else {
                out.append(Html.tag("p", "muted", "No responses over time for this target.").html());
            }
            out.append("</figure>\n");
        }
        out.append("</div>\n");
        out.append("<p class=\"legend\"><span style=\"color:").append(P50_COLOUR).append("\">━ p50</span> ")
                .append("<span style=\"color:").append(P99_COLOUR).append("\">━ p99</span> ")
                .append("latency from intended start, ms, per interval; gaps are intervals without responses</p>\n");
        return Html.raw(out.toString());
    }

    private static String chart(TargetSummary target, Axes axes) {
        StringBuilder svg = new StringBuilder();
        // Inline SVG in HTML needs no namespace declaration, and so carries no URL at all.
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape("latency over time at " + target.target()))
                .append("\">");
        for (int i = 0; i <= 2; i++) {
            double value = axes.yMax * i / 2;
            double y = y(value, axes);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d0d7de\"/>", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>",
                    LEFT - 6, y + 4, ReportNumbers.sig3(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s s</text>",
                LEFT, HEIGHT - 6, ReportNumbers.sig3(axes.xMin / 1000.0)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s s</text>",
                WIDTH - RIGHT, HEIGHT - 6, ReportNumbers.sig3(axes.xMax / 1000.0)));
        line(svg, target.series(), IntervalPoint::p50Millis, P50_COLOUR, axes);
        line(svg, target.series(), IntervalPoint::p99Millis, P99_COLOUR, axes);
        return svg.append("</svg>").toString();
    }

    /** Polylines through the finite points; a NaN ends one segment, a lone point gets a dot. */
    private static void line(StringBuilder svg, List<IntervalPoint> series, ToDoubleFunction<IntervalPoint> value,
                             String colour, Axes axes) {
        StringBuilder segment = new StringBuilder();
        int points = 0;
        for (int i = 0; i <= series.size(); i++) {
            double v = i < series.size() ? value.applyAsDouble(series.get(i)) : Double.NaN;
            if (Double.isFinite(v)) {
                IntervalPoint p = series.get(i);
                segment.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        x((p.startMillis() + p.endMillis()) / 2.0, axes), y(v, axes)));
                points++;
                continue;
            }
            String coordinates = segment.toString().trim();
            if (points == 1) {
                int comma = coordinates.indexOf(',');
                svg.append("<circle cx=\"").append(coordinates, 0, comma).append("\" cy=\"")
                        .append(coordinates.substring(comma + 1)).append("\" r=\"2\" fill=\"").append(colour).append("\"/>");
            } else if (points > 1) {
                svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour)
                        .append("\" points=\"").append(coordinates).append("\"/>");
            }
            segment.setLength(0);
            points = 0;
        }
    }

    private static double x(double millis, Axes axes) {
        double span = Math.max(1, axes.xMax - axes.xMin);
        return LEFT + (millis - axes.xMin) / span * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double millis, Axes axes) {
        double clamped = Math.min(Math.max(millis, 0), axes.yMax);
        return TOP + (1 - clamped / axes.yMax) * (HEIGHT - TOP - BOTTOM);
    }

    private static boolean hasValues(List<IntervalPoint> series) {
        return series != null && series.stream()
                .anyMatch(p -> Double.isFinite(p.p50Millis()) || Double.isFinite(p.p99Millis()));
    }

    /** Time range and a round latency ceiling shared by every chart. */
    private record Axes(long xMin, long xMax, double yMax) {

        /** Null when no target has a finite value to draw. */
        static Axes of(List<TargetSummary> targets) {
            long xMin = Long.MAX_VALUE;
            long xMax = Long.MIN_VALUE;
            double top = 0;
            boolean any = false;
            for (TargetSummary t : targets) {
                if (!hasValues(t.series())) {
                    continue;
                }
                for (IntervalPoint p : t.series()) {
                    xMin = Math.min(xMin, p.startMillis());
                    xMax = Math.max(xMax, p.endMillis());
                    for (double v : new double[] {p.p50Millis(), p.p99Millis()}) {
                        if (Double.isFinite(v)) {
                            top = Math.max(top, v);
                            any = true;
                        }
                    }
                }
            }
            return any ? new Axes(xMin, xMax, niceCeiling(top)) : null;
        }

        /** The smallest 1, 2 or 5 × 10^k at or above {@code value}, so axis labels are round. */
        private static double niceCeiling(double value) {
            if (value <= 0) {
                return 1;
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
            for (double step : new double[] {1, 2, 5, 10}) {
                if (step * magnitude >= value) {
                    return step * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }
}
