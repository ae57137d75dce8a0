package io.shadowgate.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** What the harnesses' command lines share: the main skeleton and bounded numbers. */
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
}
