package io.shadowgate.report;

import static io.shadowgate.report.PlotArea.LEFT;
import static io.shadowgate.report.PlotArea.RIGHT;
import static io.shadowgate.report.PlotArea.TOP;

import java.util.List;
import java.util.Locale;

/**
 * One inline SVG chart of the HTML report: a plot area with a linear or logarithmic scale on
 * each axis, labelled grid lines, lines that break where a value is NaN, and a legend under
 * the plot. Lines of more than {@link #MAX_POINTS} points are drawn downsampled (the lowest and
 * highest value of each bucket, so spikes stay visible), which keeps a two-hour run at one
 * point per second to a few kilobytes per line. Inline SVG in HTML needs no namespace, so a
 * chart carries no URL at all. Built by one thread, then rendered once.
 *
 * <p>This class draws the frame, axes and titles and puts the chart together; the data marks
 * are drawn by {@link SvgSeries}, the legend by {@link SvgLegend}, and round axis values come
 * from {@link AxisTicks}.
 */
final class SvgChart {

    /** The most points drawn for one line. */
    static final int MAX_POINTS = 600;

    private static final int AXIS_LABELS = 30;
    private static final String GRID = "#d0d7de";

    /** Line colours by target position: baseline, candidate, then any further target. */
    private static final String[] TARGET_COLOURS = {"#0969da", "#bc4c00", "#8250df", "#1a7f37", "#57606a"};

    private final PlotArea area;
    private final String label;
    private final StringBuilder body = new StringBuilder(4 * 1024);
    private final SvgSeries series;
    private final SvgLegend legend = new SvgLegend();
    private boolean xTitled;

    /**
     * @param width      view box width; the page scales the chart to its figure
     * @param plotHeight height of the plot area alone
     * @param label      what the chart shows, for screen readers (escaped here)
     */
    SvgChart(int width, int plotHeight, Scale x, Scale y, String label) {
        this.area = new PlotArea(width, plotHeight, x, y);
        this.label = label;
        this.series = new SvgSeries(area, body);
    }

    /** The colour of the target at {@code index} in the run's target list. */
    static String targetColour(int index) {
        return TARGET_COLOURS[Math.min(index, TARGET_COLOURS.length - 1)];
    }

    /** A horizontal grid line at {@code value} with its label left of the plot. */
    SvgChart yTick(double value, String text) {
        double py = area.py(value);
        body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                LEFT, py, area.width() - RIGHT, py, GRID));
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, py + 4))
                .append(Html.escape(text)).append("</text>");
        return this;
    }

    /** A tick mark at {@code value} on the x axis with its label under it; a light grid line when asked. */
    SvgChart xTick(double value, String text, boolean grid) {
        double px = area.px(value);
        double bottom = TOP + area.plotHeight();
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

    /** A line through the points; see {@link SvgSeries#line}. */
    SvgChart line(double[] xs, double[] ys, String colour, boolean dashed) {
        series.line(xs, ys, colour, dashed);
        return this;
    }

    /** A shaded band from {@code lows} to {@code highs}; see {@link SvgSeries#band}. */
    SvgChart band(double[] xs, double[] lows, double[] highs, String colour) {
        series.band(xs, lows, highs, colour);
        return this;
    }

    /** An interval of x values as a bar along the bottom of the plot; see {@link SvgSeries#xInterval}. */
    SvgChart xInterval(double from, double to, double mark, int row, String colour, String tooltip) {
        series.xInterval(from, to, mark, row, colour, tooltip);
        return this;
    }

    /** A dot at each finite point, with a tooltip (escaped here). */
    SvgChart dots(double[] xs, double[] ys, String colour, List<String> tooltips) {
        series.dots(xs, ys, colour, tooltips);
        return this;
    }

    /** A title under the x axis labels, centred (escaped here). */
    SvgChart xTitle(String text) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
                        LEFT + (area.width() - LEFT - RIGHT) / 2.0, TOP + area.plotHeight() + AXIS_LABELS + 10))
                .append(Html.escape(text)).append("</text>");
        xTitled = true;
        return this;
    }

    /** A legend entry under the plot: a sample of the line, then its text (escaped here). */
    SvgChart legend(String colour, boolean dashed, String text) {
        legend.add(colour, dashed, text);
        return this;
    }

    /** The chart as SVG markup. */
    String render() {
        int width = area.width();
        int plotHeight = area.plotHeight();
        int legendTop = TOP + plotHeight + AXIS_LABELS + (xTitled ? 16 : 0);
        StringBuilder entries = new StringBuilder();
        int height = legendTop + legend.draw(entries, legendTop, width) + 4;
        StringBuilder svg = new StringBuilder(body.length() + entries.length() + 256);
        svg.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
        // The plot's frame: left and bottom axes.
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %dV%dH%d\" fill=\"none\" stroke=\"#8c959f\"/>",
                LEFT, TOP, TOP + plotHeight, width - RIGHT));
        return svg.append(body).append(entries).append("</svg>").toString();
    }

    /** See {@link Downsampler#downsample}. */
    static double[][] downsample(double[] xs, double[] ys, int maxPoints) {
        return Downsampler.downsample(xs, ys, maxPoints);
    }

    /** See {@link Downsampler#envelope}. */
    static double[][] envelope(double[] xs, double[] lows, double[] highs, int maxPoints) {
        return Downsampler.envelope(xs, lows, highs, maxPoints);
    }

    /** See {@link AxisTicks#niceCeiling}. */
    static double niceCeiling(double value) {
        return AxisTicks.niceCeiling(value);
    }

    /** See {@link AxisTicks#niceFloor}. */
    static double niceFloor(double value) {
        return AxisTicks.niceFloor(value);
    }

    /** See {@link AxisTicks#tickNumber}. */
    static String tickNumber(double value) {
        return AxisTicks.tickNumber(value);
    }

    /** See {@link AxisTicks#linearTicks}. */
    static List<Double> linearTicks(double max) {
        return AxisTicks.linearTicks(max);
    }

    /** See {@link AxisTicks#logTicks}. */
    static List<Double> logTicks(double min, double max) {
        return AxisTicks.logTicks(min, max);
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
}
