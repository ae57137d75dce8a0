package io.shadowgate.report;

/**
 * Where the plot of one {@link SvgChart} sits in its view box, and how values map to pixels
 * in it: margins for the y labels on the left, a little room on the right and top, the x
 * labels and legend below. Shared by the chart's axes, its series and its legend.
 */
record PlotArea(int width, int plotHeight, SvgChart.Scale x, SvgChart.Scale y) {

    static final int LEFT = 58;
    static final int RIGHT = 24;
    static final int TOP = 10;

    /** The x pixel of {@code value}, clamped into the plot. */
    double px(double value) {
        return LEFT + x.fraction(value) * (width - LEFT - RIGHT);
    }

    /** The y pixel of {@code value}, clamped into the plot. */
    double py(double value) {
        return TOP + (1 - y.fraction(value)) * plotHeight;
    }
}
