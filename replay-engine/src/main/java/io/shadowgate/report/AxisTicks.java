package io.shadowgate.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Round axis limits, the grid values between them, and their labels, for {@link SvgChart}. Stateless. */
final class AxisTicks {

    private AxisTicks() {
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
}
