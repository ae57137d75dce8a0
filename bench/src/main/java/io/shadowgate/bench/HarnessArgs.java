package io.shadowgate.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the harnesses' command lines share: the main skeleton, bounded numbers, lists and the
 * CPU model for the machine line.
 */
final class HarnessArgs {

    private HarnessArgs() {
    }

    /**
     * Parses {@code args} (null options means --help was asked), runs, and exits with the
     * run's code; a bad argument prints the message and the usage and exits 64.
     */
    static <T> void main(String name, String[] args, Function<String[], T> parse, String usage, ToIntFunction<T> run) {
        T options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.print(usage);
            System.exit(64);
            return;
        }
        if (options == null) {
            System.out.print(usage);
            return;
        }
        System.exit(run.applyAsInt(options));
    }

    static int bounded(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    /** A number in [min, max]; the message names the option, the value and the bound. */
    static double number(String option, String value, double min, double max) {
        double x;
        try {
            x = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new IllegalArgumentException(option + " must be between " + plain(min) + " and " + plain(max) + ", was "
                    + value);
        }
        return x;
    }

    /** A comma-separated list, each part parsed, none twice. */
    static <T> List<T> distinct(String option, String value, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String part : value.split(",")) {
            T parsed = parse.apply(part.trim());
            if (out.contains(parsed)) {
                throw new IllegalArgumentException(option + " lists " + part.trim() + " twice");
            }
            out.add(parsed);
        }
        return List.copyOf(out);
    }

    /** Values picked by their option names, in the order given, each once. */
    static <T> List<T> named(String option, String value, T[] all, Function<T, String> nameOf) {
        List<T> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String wanted = part.trim();
            T found = Arrays.stream(all).filter(t -> nameOf.apply(t).equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(option + " must be one or more of "
                            + String.join(", ", Arrays.stream(all).map(nameOf).toList()) + ", was '" + wanted + "'"));
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return List.copyOf(out);
    }

    static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, was '" + value + "'");
        }
    }

    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** The CPU model from {@code /proc/cpuinfo}, or {@code CPU model unknown}. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the model is a nicety.
        }
        return "CPU model unknown";
    }
}
