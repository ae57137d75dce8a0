package io.shadowgate.compare.response;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Before two strings at {@code path} are compared, every match of {@code pattern} in each is
 * replaced by {@code replacement} ({@link Matcher#replaceAll(String)} syntax: {@code $1},
 * {@code ${name}}), so values that must differ (timestamps, UUIDs) compare equal when only that
 * part differs. Applied only when the two raw strings differ, so equal values cost no regex work.
 *
 * @param path        pattern of the strings this applies to, e.g. {@code $..createdAt}
 * @param pattern     what to replace
 * @param replacement what to put instead
 */
public record Normalisation(String path, Pattern pattern, String replacement) {

    /** ISO-8601 date-times like {@code 2024-06-01T12:34:56.789Z} or {@code 2024-06-01 12:34:56+02:00}. */
    public static final String ISO_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?";

    /** UUIDs in their usual 8-4-4-4-12 hexadecimal form, either case. */
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    public Normalisation {
        RuleText.checkPath("normalisation", path);
        Objects.requireNonNull(pattern, "normalisation for '" + path + "': pattern");
        if (replacement == null) {
            throw new IllegalArgumentException("normalisation for '" + path + "': replacement must not be null (use \"\" to delete)");
        }
        checkReplacement(path, pattern, replacement);
    }

    /**
     * Compiles {@code regex}.
     *
     * @throws IllegalArgumentException naming the path and the regex when it does not compile
     */
    public static Normalisation of(String path, String regex, String replacement) {
        Objects.requireNonNull(regex, "normalisation for '" + path + "': regex");
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("normalisation for '" + path + "': bad regex '" + regex + "': "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
        return new Normalisation(path, compiled, replacement);
    }

    /** Replaces ISO-8601 timestamps in strings at {@code path} by {@code <timestamp>}. */
    public static Normalisation timestamps(String path) {
        return of(path, ISO_TIMESTAMP, "<timestamp>");
    }

    /** Replaces UUIDs in strings at {@code path} by {@code <uuid>}. */
    public static Normalisation uuids(String path) {
        return of(path, UUID, "<uuid>");
    }

    /** {@code value} with every match replaced. */
    public String apply(String value) {
        return pattern.matcher(value).replaceAll(replacement);
    }

    /**
     * Rejects at construction what {@link Matcher#replaceAll} would reject on the first match:
     * references to groups the pattern lacks, a trailing '\' or '$'.
     */
    private static void checkReplacement(String path, Pattern pattern, String replacement) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (++i >= replacement.length()) {
                    throw badReplacement(path, replacement, "ends with '\\'");
                }
            } else if (c == '$') {
                if (++i >= replacement.length()) {
                    throw badReplacement(path, replacement, "ends with '$' (write \\$ for a literal dollar)");
                }
                char next = replacement.charAt(i);
                if (next == '{') {
                    int close = replacement.indexOf('}', i);
                    if (close < 0) {
                        throw badReplacement(path, replacement, "has '${' without '}'");
                    }
                    String name = replacement.substring(i + 1, close);
                    if (!pattern.pattern().contains("(?<" + name + ">")) {
                        throw badReplacement(path, replacement, "refers to group '" + name + "', which the pattern does not name");
                    }
                    i = close;
                } else if (Character.isDigit(next)) {
                    int group = next - '0';
                    if (group > groups) {
                        throw badReplacement(path, replacement, "refers to group " + group + " but the pattern has " + groups);
                    }
                } else {
                    throw badReplacement(path, replacement, "has '$' followed by '" + next + "' (write \\$ for a literal dollar)");
                }
            }
        }
    }

    private static IllegalArgumentException badReplacement(String path, String replacement, String problem) {
        return new IllegalArgumentException("normalisation for '" + path + "': replacement '" + replacement + "' " + problem);
    }
}
