package io.shadowgate.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * How reports show numbers: three significant digits (whole numbers from 100 up), rates as
 * percentages, NaN and infinities as a dash. Locale-independent, so a report reads the same
 * wherever it was rendered. Stateless.
 */
final class ReportNumbers {

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

    private ReportNumbers() {
    }

    /** Whole seconds when exact, else one decimal: {@code 10}, {@code 2.5}. */
    static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** Three significant digits: 0.0123, 1.20, 12.3, 123, 2103; NaN as a dash. */
    static String sig3(double value) {
        if (!Double.isFinite(value)) {
            return Html.DASH;
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        if (Math.abs(value) >= 100) {
            return exact.setScale(0, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal rounded = exact.round(THREE_DIGITS);
        // Pad to three digits so a column of values shows the same precision (0.500, not 0.5).
        if (rounded.precision() < 3) {
            rounded = rounded.setScale(rounded.scale() + 3 - rounded.precision(), RoundingMode.UNNECESSARY);
        }
        return rounded.toPlainString();
    }

    /** Milliseconds, no unit (tables carry it in the header). */
    static String ms(double millis) {
        return sig3(millis);
    }

    /** A fraction as a percentage: 0.0042 → 0.420%. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? sig3(fraction * 100) + "%" : Html.DASH;
    }

    /** A relative change as a signed percentage: 0.153 → +15.3%. */
    static String signedPercent(double fraction) {
        return Double.isFinite(fraction) ? sign(fraction) + sig3(fraction * 100) + "%" : Html.DASH;
    }

    /** A difference of two rates in percentage points: 0.005 → +0.500 pp (as the judge writes its reasons). */
    static String points(double fraction) {
        return Double.isFinite(fraction) ? sign(fraction) + sig3(fraction * 100) + " pp" : Html.DASH;
    }

    /** A confidence level, without padding: 0.99 → 99%, 0.999 → 99.9%. */
    static String confidence(double level) {
        if (!Double.isFinite(level)) {
            return Html.DASH;
        }
        return BigDecimal.valueOf(level * 100).round(new MathContext(4, RoundingMode.HALF_UP))
                .stripTrailingZeros().toPlainString() + "%";
    }

    /** A count with thousands separators: 12,345. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A percentile label: 50 → p50, 99.9 → p99.9. */
    static String percentileLabel(double percentile) {
        return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }

    /** A run's length: 45.3 s, or 5 min 0.250 s. */
    static String duration(Duration d) {
        double seconds = d.toMillis() / 1000.0;
        if (d.toMinutes() == 0) {
            return sig3(seconds) + " s";
        }
        return d.toMinutes() + " min " + sig3(seconds - d.toMinutes() * 60.0) + " s";
    }

    /**
     * A gate's estimate, limit or interval bound in the gate's unit: {@code ratio} is a
     * relative change, {@code points} a difference of rates, {@code ms} milliseconds.
     */
    static String inUnit(double value, String unit) {
        return switch (unit == null ? "" : unit) {
            case "ratio" -> signedPercent(value);
            case "points" -> points(value);
            case "ms" -> Double.isFinite(value) ? sig3(value) + " ms" : Html.DASH;
            default -> sig3(value);
        };
    }

    /**
     * A gate's baseline or candidate value. Rate gates ({@code points}) compare rates, shown
     * as percentages; latency gates ({@code ratio}, {@code ms}) compare milliseconds.
     */
    static String measured(double value, String unit) {
        return switch (unit == null ? "" : unit) {
            case "points" -> percent(value);
            case "ratio", "ms" -> Double.isFinite(value) ? sig3(value) + " ms" : Html.DASH;
            default -> sig3(value);
        };
    }

    private static String sign(double value) {
        return value > 0 ? "+" : "";
    }
}
