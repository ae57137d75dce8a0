package io.shadowgate.judge;

import java.util.Locale;

/** How the judge writes numbers into reasons: three significant digits, units always shown. */
final class Format {

    private Format() {
    }

    static String percentileName(double percentile) {
        return "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile));
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        return significant(ms) + " ms";
    }

    /** An offered rate: {@code 1850 req/s}, {@code 12.5 req/s}. */
    static String rate(double perSecond) {
        return significant(perSecond) + " req/s";
    }

    static String percent(double fraction) {
        return significant(Math.abs(fraction) * 100) + "%";
    }

    static String points(double fraction) {
        return significant(fraction * 100) + " pp";
    }

    static String signedPoints(double fraction) {
        return (fraction >= 0 ? "+" : "-") + significant(Math.abs(fraction) * 100) + " pp";
    }

    private static String significant(double value) {
        if (value == 0) {
            return "0";
        }
        double abs = Math.abs(value);
        int decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
