package io.shadowgate.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Value checks that know where the value sits in the file. Each method takes the value's
 * path ({@code traffic.rate}) and either returns the checked value or throws a
 * {@link ScenarioException} located at that key, worded "{@code PATH: PROBLEM}".
 */
final class FieldChecks {

    private final LocatedTree tree;

    FieldChecks(LocatedTree tree) {
        this.tree = tree;
    }

    /**
     * A path written in the scenario, resolved against the scenario file's folder, so that a
     * scenario and its traffic can move together.
     */
    java.nio.file.Path relativeToScenario(String value) {
        java.nio.file.Path path = java.nio.file.Path.of(value);
        return path.isAbsolute() ? path : tree.file().resolveSibling(path);
    }

    /** An error at {@code path}, worded "path: problem". */
    ScenarioException invalid(String path, String problem) {
        return tree.error(path, LocatedTree.describe(path) + ": " + problem);
    }

    /** The value of a required key, or a "missing key" error at the parent mapping. */
    <T> T required(String parentPath, String key, T value) throws ScenarioException {
        return required(parentPath, key, value, "");
    }

    <T> T required(String parentPath, String key, T value, String why) throws ScenarioException {
        if (value == null) {
            throw tree.missing(parentPath, key, why);
        }
        return value;
    }

    Duration duration(String path, String text) throws ScenarioException {
        try {
            return ValueParsers.duration(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    Duration positiveDuration(String path, String text) throws ScenarioException {
        Duration value = duration(path, text);
        if (value.isZero()) {
            throw invalid(path, "must be greater than 0, found '" + text + "'");
        }
        return value;
    }

    /** A non-negative fraction; percentages above 100 % are allowed (a 200 % latency increase). */
    double fraction(String path, String text) throws ScenarioException {
        try {
            return ValueParsers.fraction(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    /** A fraction that is a probability, so it cannot exceed 100 %. */
    double probability(String path, String text) throws ScenarioException {
        double value = fraction(path, text);
        if (value > 1) {
            throw invalid(path, "must be at most 100%, found '" + text + "'");
        }
        return value;
    }

    double positive(String path, double value) throws ScenarioException {
        if (!Double.isFinite(value) || value <= 0) {
            throw invalid(path, "must be a number greater than 0, found " + number(value));
        }
        return value;
    }

    double nonNegative(String path, double value) throws ScenarioException {
        if (!Double.isFinite(value) || value < 0) {
            throw invalid(path, "must be a number of at least 0, found " + number(value));
        }
        return value;
    }

    long atLeast(String path, long value, long min) throws ScenarioException {
        if (value < min) {
            throw invalid(path, "must be at least " + min + ", found " + value);
        }
        return value;
    }

    /** A case-insensitive enum choice, e.g. {@code poisson} → {@code POISSON}. */
    <E extends Enum<E>> E choice(String path, String text, Class<E> type) throws ScenarioException {
        return choice(path, text, type, c -> c.name().toLowerCase(Locale.ROOT));
    }

    /**
     * A case-insensitive enum choice whose file spelling is {@code spelling} of the constant
     * (e.g. {@code slow-body} for {@code SLOW_BODY}); messages list the choices so spelled.
     */
    <E extends Enum<E>> E choice(String path, String text, Class<E> type, Function<E, String> spelling)
            throws ScenarioException {
        for (E constant : type.getEnumConstants()) {
            if (spelling.apply(constant).equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(spelling)
                .collect(Collectors.joining(", "));
        throw invalid(path, "expected one of: " + allowed + "; found '" + text + "'");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Double.isFinite(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
