package io.shadowgate.report;

import java.util.List;
import java.util.Locale;

/**
 * The data marks of one {@link SvgChart}: lines, bands, interval bars and dots, each appended
 * to the chart's body in the order they are drawn, so later marks lie on top. Long lines and
 * bands are thinned by {@link Downsampler} to {@link SvgChart#MAX_POINTS}. Built by one thread.
 */
final class SvgSeries {

    private final PlotArea area;
    private final StringBuilder body;

    SvgSeries(PlotArea area, StringBuilder body) {
        this.area = area;
        this.body = body;
    }

    /**
     * A line through the points, downsampled beyond {@link SvgChart#MAX_POINTS}. A NaN value ends
     * one segment; a segment of one point is drawn as a dot.
     */
    void line(double[] xs, double[] ys, String colour, boolean dashed) {
        double[][] drawn = Downsampler.downsample(xs, ys, SvgChart.MAX_POINTS);
        StringBuilder segment = new StringBuilder();
        int points = 0;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i <= drawn[0].length; i++) {
            double v = i < drawn[0].length ? drawn[1][i] : Double.NaN;
            if (Double.isFinite(v) && Double.isFinite(drawn[0][i])) {
                lastX = area.px(drawn[0][i]);
                lastY = area.py(v);
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
    }

    /**
     * A shaded band from {@code lows} to {@code highs} at each x, such as a confidence band,
     * drawn under whatever comes after it. A NaN ends one stretch of band; a stretch of one
     * point is drawn as a bar. Beyond {@link SvgChart#MAX_POINTS} points each bucket keeps its
     * lowest low and highest high, so the band never looks narrower than it is.
     */
    void band(double[] xs, double[] lows, double[] highs, String colour) {
        double[][] drawn = Downsampler.envelope(xs, lows, highs, SvgChart.MAX_POINTS);
        double[] bx = drawn[0];
        int from = 0;
        for (int i = 0; i <= bx.length; i++) {
            if (i < bx.length && Double.isFinite(bx[i]) && !Double.isNaN(drawn[1][i]) && !Double.isNaN(drawn[2][i])) {
                continue;
            }
            if (i - from == 1) {
                body.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\" "
                                + "stroke-opacity=\"0.25\"/>", area.px(bx[from]), area.py(drawn[1][from]),
                        area.px(bx[from]), area.py(drawn[2][from]), colour));
            } else if (i - from > 1) {
                StringBuilder points = new StringBuilder();
                for (int j = from; j < i; j++) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", area.px(bx[j]), area.py(drawn[2][j])));
                }
                for (int j = i - 1; j >= from; j--) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", area.px(bx[j]), area.py(drawn[1][j])));
                }
                body.append("<polygon stroke=\"none\" fill-opacity=\"0.15\" fill=\"").append(colour)
                        .append("\" points=\"").append(points, 0, points.length() - 1).append("\"/>");
            }
            from = i + 1;
        }
    }

    /**
     * An interval of x values drawn as a bar along the bottom of the plot, {@code row} bars up
     * from the axis (0 lowest), with a tick at {@code mark} (none when NaN) and a tooltip
     * (escaped here). Ends beyond the axis, infinite ones included, stop at its edge.
     */
    void xInterval(double from, double to, double mark, int row, String colour, String tooltip) {
        double y = PlotArea.TOP + area.plotHeight() - 5 - 8 * row;
        body.append(String.format(Locale.ROOT, "<g><title>%s</title>", Html.escape(tooltip)));
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"4\" "
                        + "stroke-opacity=\"0.6\"/>", area.px(from), y, area.px(to), y, colour));
        if (Double.isFinite(mark)) {
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                    area.px(mark), y - 5, area.px(mark), y + 5, colour));
        }
        body.append("</g>");
    }

    /** A dot at each finite point, with a tooltip (escaped here). */
    void dots(double[] xs, double[] ys, String colour, List<String> tooltips) {
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>",
                        area.px(xs[i]), area.py(ys[i]), colour)).append(Html.escape(tooltips.get(i)))
                        .append("</title></circle>");
            }
        }
    }
}
