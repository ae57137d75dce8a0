package io.shadowgate.capture;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users write them: {@code 512}, {@code 64KiB}, {@code 1MiB}, {@code 2MB} (decimal units are powers of 1000). */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    private ByteSizes() {
    }

    /** The number of bytes {@code text} names; throws IllegalArgumentException saying what was expected. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; expected e.g. 512, 64KiB, 1MiB or 2MB");
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 1_000L;
            case "kib", "k" -> 1L << 10;
            case "mb" -> 1_000_000L;
            case "mib", "m" -> 1L << 20;
            case "gb" -> 1_000_000_000L;
            case "gib", "g" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }
}
