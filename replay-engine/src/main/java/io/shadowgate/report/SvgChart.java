package io.shadowgate.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One inline SVG chart of the HTML report: a plot area with a linear or logarithmic scale on
 * each axis, labelled grid lines, lines that break where a value is NaN, and a legend under
 * the plot. Lines of more than {@link #MAX_POINTS} points are drawn downsampled (the lowest and
 * highest value of each bucket, so spikes stay visible), which keeps a two-hour run at one
 * point per second to a few kilobytes per line. Inline SVG in HTML needs no namespace, so a
 * chart carries no URL at all. Built by one thread, then rendered once.
 */
final class SvgChart {

    /** The most points drawn for one line. */
    static final int MAX_POINTS = 600;

    private static final int LEFT = 58;
    private static final int RIGHT = 24;
    private static final int TOP = 10;
    private static final int AXIS_LABELS = 30;
    private static final int LEGEND_ROW = 16;
    private static final String GRID = "#d0d7de";

    /** Line colours by target position: baseline, candidate, then any further target. */
    private static final String[] TARGET_COLOURS = {"#0969da", "#bc4c00", "#8250df", "#1a7f37", "#57606a"};

    private final int width;
    private final int plotHeight;
    private final Scale x;
    private final Scale y;
    private final String label;
    private final StringBuilder body = new StringBuilder(4 * 1024);
    private final List<LegendEntry> legend = new ArrayList<>();
    private boolean xTitled;

    /**
     * @param width      view box width; the page scales the chart to its figure
     * @param plotHeight height of the plot area alone
     * @param label      what the chart shows, for screen readers (escaped here)
     */
    SvgChart(int width, int plotHeight, Scale x, Scale y, String label) {
        this.width = width;
        this.plotHeight = plotHeight;
        this.x = x;
        this.y = y;
        this.label = label;
    }

    /** The colour of the target at {@code index} in the run's target list. */
    static String targetColour(int index) {
        return TARGET_COLOURS[Math.min(index, TARGET_COLOURS.length - 1)];
    }

    /** A horizontal grid line at {@code value} with its label left of the plot. */
    SvgChart yTick(double value, String text) {
        double py = py(value);
        body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                LEFT, py, width - RIGHT, py, GRID));
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, py + 4))
                .append(Html.escape(text)).append("</text>");
        return this;
    }

    /** A tick mark at {@code value} on the x axis with its label under it; a light grid line when asked. */
    SvgChart xTick(double value, String text, boolean grid) {
        double px = px(value);
        double bottom = TOP + plotHeight;
        if (grid) {
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2 3\"/>",
                    px, TOP, px, bottom, GRID));
        }
        body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\"/>",
                px, bottom, px, bottom + 4));
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", px, bottom + 16))
                .append(Html.escape(text)).append("</text>");
        return this;
    }

    /**
     * A line through the points, downsampled beyond {@link #MAX_POINTS}. A NaN value ends one
     * segment; a segment of one point is drawn as a dot.
     */
    SvgChart line(double[] xs, double[] ys, String colour, boolean dashed) {
        double[][] drawn = downsample(xs, ys, MAX_POINTS);
        StringBuilder segment = new StringBuilder();
        int points = 0;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i <= drawn[0].length; i++) {
            double v = i < drawn[0].length ? drawn[1][i] : Double.NaN;
            if (Double.isFinite(v) && Double.isFinite(drawn[0][i])) {
                lastX = px(drawn[0][i]);
                lastY = py(v);
                segment.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
                points++;
                continue;
            }
            if (points == 1) {
                body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>",
                        lastX, lastY, colour));
            } else if (points > 1) {
                body.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour)
                        .append(dashed ? "\" stroke-dasharray=\"5 3" : "")
                        .append("\" points=\"").append(segment, 0, segment.length() - 1).append("\"/>");
            }
            segment.setLength(0);
            points = 0;
        }
        return this;
    }

    /**
     * A shaded band from {@code lows} to {@code highs} at each x, such as a confidence band,
     * drawn under whatever comes after it. A NaN ends one stretch of band; a stretch of one
     * point is drawn as a bar. Beyond {@link #MAX_POINTS} points each bucket keeps its lowest
     * low and highest high, so the band never looks narrower than it is.
     */
    SvgChart band(double[] xs, double[] lows, double[] highs, String colour) {
        double[][] drawn = envelope(xs, lows, highs, MAX_POINTS);
        double[] bx = drawn[0];
        int from = 0;
        for (int i = 0; i <= bx.length; i++) {
            if (i < bx.length && Double.isFinite(bx[i]) && !Double.isNaN(drawn[1][i]) && !Double.isNaN(drawn[2][i])) {
                continue;
            }
            if (i - from == 1) {
                body.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\" "
                                + "stroke-opacity=\"0.25\"/>", px(bx[from]), py(drawn[1][from]), px(bx[from]),
                        py(drawn[2][from]), colour));
            } else if (i - from > 1) {
                StringBuilder points = new StringBuilder();
                for (int j = from; j < i; j++) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(bx[j]), py(drawn[2][j])));
                }
                for (int j = i - 1; j >= from; j--) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(bx[j]), py(drawn[1][j])));
                }
                body.append("<polygon stroke=\"none\" fill-opacity=\"0.15\" fill=\"").append(colour)
                        .append("\" points=\"").append(points, 0, points.length() - 1).append("\"/>");
            }
            from = i + 1;
        }
        return this;
    }

    /**
     * An interval of x values drawn as a bar along the bottom of the plot, {@code row} bars up
     * from the axis (0 lowest), with a tick at {@code mark} (none when NaN) and a tooltip
     * (escaped here). Ends beyond the axis, infinite ones included, stop at its edge.
     */
    SvgChart xInterval(double from, double to, double mark, int row, String colour, String tooltip) {
        double y = TOP + plotHeight - 5 - 8 * row;
        body.append(String.format(Locale.ROOT, "<g><title>%s</title>", Html.escape(tooltip)));
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"4\" "
                        + "stroke-opacity=\"0.6\"/>", px(from), y, px(to), y, colour));
        if (Double.isFinite(mark)) {
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                    px(mark), y - 5, px(mark), y + 5, colour));
        }
        body.append("</g>");
        return this;
    }

    /** A dot at each finite point, with a tooltip (escaped here). */
    SvgChart dots(double[] xs, double[] ys, String colour, List<String> tooltips) {
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>",
                        px(xs[i]), py(ys[i]), colour)).append(Html.escape(tooltips.get(i))).append("</title></circle>");
            }
        }
        return this;
    }

    /** A title under the x axis labels, centred (escaped here). */
    SvgChart xTitle(String text) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
                        LEFT + (width - LEFT - RIGHT) / 2.0, TOP + plotHeight + AXIS_LABELS + 10))
                .append(Html.escape(text)).append("</text>");
        xTitled = true;
        return this;
    }

    /** A legend entry under the plot: a sample of the line, then its text (escaped here). */
    SvgChart legend(String colour, boolean dashed, String text) {
        legend.add(new LegendEntry(colour, dashed, text));
        return this;
    }

    /** The chart as SVG markup. */
    String render() {
        int legendTop = TOP + plotHeight + AXIS_LABELS + (xTitled ? 16 : 0);
        StringBuilder entries = new StringBuilder();
        int column = LEFT;
        int row = 0;
        for (LegendEntry e : legend) {
            // Text width is not known to us; 6.2 px a character at 11 px is close enough to lay out a row.
            int entryWidth = 32 + (int) Math.ceil(e.text().length() * 6.2) + 18;
            if (column > LEFT && column + entryWidth > width - RIGHT) {
                column = LEFT;
                row++;
            }
            int ly = legendTop + row * LEGEND_ROW + 8;
            entries.append(String.format(Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke-width=\"2\" stroke=\"%s\"%s/>",
                            column, ly - 4, column + 26, ly - 4, e.colour(), e.dashed() ? " stroke-dasharray=\"5 3\"" : ""))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", column + 32, ly))
                    .append(Html.escape(e.text())).append("</text>");
            column += entryWidth;
        }
        int height = legendTop + (legend.isEmpty() ? 0 : (row + 1) * LEGEND_ROW) + 4;
        StringBuilder svg = new StringBuilder(body.length() + entries.length() + 256);
        svg.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
        // The plot's frame: left and bottom axes.
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %dV%dH%d\" fill=\"none\" stroke=\"#8c959f\"/>",
                LEFT, TOP, TOP + plotHeight, width - RIGHT));
        return svg.append(body).append(entries).append("</svg>").toString();
    }

    private double px(double value) {
        return LEFT + x.fraction(value) * (width - LEFT - RIGHT);
    }

    private double py(double value) {
        return TOP + (1 - y.fraction(value)) * plotHeight;
    }

    /**
     * At most {@code maxPoints} points that keep the shape of the line: when there are more,
     * the points fall into {@code maxPoints / 2} buckets of consecutive points, and each bucket
     * keeps its lowest and highest finite value in their order, or a NaN (a gap) when it has
     * none. Returns {xs, ys}.
     */
    static double[][] downsample(double[] xs, double[] ys, int maxPoints) {
        int n = xs.length;
        if (n <= maxPoints) {
            return new double[][] {xs, ys};
        }
        int buckets = Math.max(1, maxPoints / 2);
        double[] outX = new double[2 * buckets];
        double[] outY = new double[2 * buckets];
        int out = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int low = -1;
            int high = -1;
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(ys[i])) {
                    continue;
                }
                if (low < 0 || ys[i] < ys[low]) {
                    low = i;
                }
                if (high < 0 || ys[i] > ys[high]) {
                    high = i;
                }
            }
            if (low < 0) {
                outX[out] = xs[from];
                outY[out++] = Double.NaN;
            } else {
                int first = Math.min(low, high);
                int second = Math.max(low, high);
                outX[out] = xs[first];
                outY[out++] = ys[first];
                if (second != first) {
                    outX[out] = xs[second];
                    outY[out++] = ys[second];
                }
            }
        }
        return new double[][] {Arrays.copyOf(outX, out), Arrays.copyOf(outY, out)};
    }

    /**
     * At most {@code maxPoints} points of a band: when there are more, the points fall into
     * {@code maxPoints / 2} buckets, each drawn at its first and last x with its lowest low and
     * highest high (a NaN when it has no point with both). Returns {xs, lows, highs}.
     */
    static double[][] envelope(double[] xs, double[] lows, double[] highs, int maxPoints) {
        int n = xs.length;
        if (n <= maxPoints) {
            return new double[][] {xs, lows, highs};
        }
        int buckets = Math.max(1, maxPoints / 2);
        double[][] out = new double[3][2 * buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double low = Double.NaN;
            double high = Double.NaN;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(lows[i]) && !Double.isNaN(highs[i])) {
                    low = Double.isNaN(low) ? lows[i] : Math.min(low, lows[i]);
                    high = Double.isNaN(high) ? highs[i] : Math.max(high, highs[i]);
                }
            }
            out[0][2 * b] = xs[from];
            out[0][2 * b + 1] = xs[to - 1];
            out[1][2 * b] = low;
            out[1][2 * b + 1] = low;
            out[2][2 * b] = high;
            out[2][2 * b + 1] = high;
        }
        return out;
    }

    /** The smallest 1, 2 or 5 × 10^k at or above {@code value}, so axis labels are round; 1 for nothing positive. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value * (1 - 1e-9)) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The largest 1, 2 or 5 × 10^k at or below {@code value} (positive). */
    static double niceFloor(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {5, 2, 1}) {
            if (step * magnitude <= value * (1 + 1e-9)) {
                return step * magnitude;
            }
        }
        return magnitude;
    }

    /** A grid value without padding: 0.05, 2, 100, 2000. */
    static String tickNumber(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString();
    }

    /** Round grid values from 0 to {@code max}, a {@link #niceCeiling}: four or five steps. */
    static List<Double> linearTicks(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max) + 1e-9));
        double lead = max / magnitude;
        double step = (lead < 1.5 ? 0.2 : lead < 3 ? 0.5 : 1) * magnitude;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max * (1 + 1e-9); i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** Grid values of a log axis from {@code min} to {@code max}: every power of ten, and 2 and 5 × it on short ranges. */
    static List<Double> logTicks(double min, double max) {
        boolean fine = Math.log10(max / min) < 2.5;
        List<Double> ticks = new ArrayList<>();
        for (double decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max * (1 + 1e-9); decade *= 10) {
            for (double step : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = decade * step;
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return ticks;
    }

    /** How one axis maps values to the plot: linearly, or by their logarithm (positive values only). */
    record Scale(double min, double max, boolean log) {

        static Scale linear(double min, double max) {
            return new Scale(min, max > min ? max : min + 1, false);
        }

        static Scale log(double min, double max) {
            return new Scale(min, max > min ? max : min * 10, true);
        }

        /** Where {@code value} falls between min (0) and max (1), clamped into the plot. */
        double fraction(double value) {
            double f = log ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return Math.min(Math.max(f, 0), 1);
        }
    }

    private record LegendEntry(String colour, boolean dashed, String text) {
    }
}
