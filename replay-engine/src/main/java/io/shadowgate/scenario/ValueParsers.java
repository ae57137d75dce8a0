package io.shadowgate.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the scenario file's own value syntax: durations with units ({@code 250ms},
 * {@code 1m30s}), fractions ({@code 10%} or {@code 0.1}) and percentile keys ({@code p99.9}).
 * Pure functions of text; each failure is an {@link IllegalArgumentException} whose message
 * says what was expected, and the caller adds the file position.
 */
public final class ValueParsers {

    static final String DURATION_EXAMPLE = "a duration such as 250ms or 2s (units: ns, us, ms, s, m, h)";
    static final String PERCENTILE_EXAMPLE = "a percentile key like p99 or p99.9";

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ValueParsers() {
    }

    /**
     * {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 100us}, {@code 1h}, or parts
     * added together ({@code 1m30s}). A bare number is refused: "timeout: 2" has cost people
     * a factor of 1000 too often.
     */
    public static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher part = DURATION_PART.matcher(trimmed);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < trimmed.length()) {
            part.region(end, trimmed.length());
            if (!part.lookingAt()) {
                break;
            }
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit(part.group(2)))));
            end = part.end();
        }
        if (trimmed.isEmpty() || end != trimmed.length()) {
            throw new IllegalArgumentException("expected " + DURATION_EXAMPLE + ", found '" + text + "'");
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long", e);
        }
    }

    private static long nanosPerUnit(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "µs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }

    /**
     * {@code 10%} → 0.10, {@code 0.5%} → 0.005, or a plain number in [0, 1]. A plain number
     * above 1 is refused because it is almost always a percentage missing its sign
     * ({@code maxIncrease: 10} meaning 10 %, not 1000 %).
     */
    public static double fraction(String text) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a fraction such as 10% or 0.1, found '" + text + "'", e);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("must not be negative, found '" + text + "'");
        }
        if (percent) {
            return value.divide(HUNDRED).doubleValue();
        }
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a plain number must be between 0 and 1, found '" + text
                    + "'; write percentages with a % sign, e.g. 10%");
        }
        return value.doubleValue();
    }

    /** {@code p50} → 50.0, {@code p99.9} → 99.9; the number must be strictly between 0 and 100. */
    static double percentile(String key) {
        Matcher m = PERCENTILE.matcher(key.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + PERCENTILE_EXAMPLE + ", found '" + key + "'");
        }
        double value = Double.parseDouble(m.group(1));
        if (!(value > 0 && value < 100)) {
            throw new IllegalArgumentException("expected " + PERCENTILE_EXAMPLE
                    + " (a number strictly between 0 and 100), found '" + key + "'");
        }
        return value;
    }

    /** A fraction as a percentage, as short as it is exact: {@code 5%}, {@code 0.5%}, {@code 12.5%}. */
    static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
