package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.List;

/**
 * A path pattern of a rule, and the grammar of canonical paths. Both start at {@code $}:
 * <ul>
 *   <li>{@code .name} or {@code ['any name']} (quotes for names that are not plain identifiers:
 *       {@code $['a.b']}, {@code $['']}; {@code \'} and {@code \\} escape inside)</li>
 *   <li>{@code [*]}: any element of an array (indices are normalised away, so {@code [3]} is
 *       rejected)</li>
 *   <li>{@code .*}: any child, field or element</li>
 *   <li>{@code ..} before any of those: at any depth below, including directly
 *       ({@code $..timestamp}, {@code $..*})</li>
 * </ul>
 * A pattern matches a canonical path segment by segment; a rule applies to the node its pattern
 * matches (an ignore rule also to everything below it). Immutable and thread-safe.
 */
public final class JsonPathPattern {

    /** Longest pattern accepted; canonical paths are bounded by the parser's nesting limit anyway. */
    static final int MAX_SEGMENTS = 1_000;

    enum Match { FIELD, ANY_CHILD, ANY_ELEMENT }

    /**
     * @param match      what the segment accepts
     * @param name       the field name, for {@link Match#FIELD}
     * @param descendant whether {@code ..} precedes it: it may first skip any number of segments
     */
    record Segment(Match match, String name, boolean descendant) {

        boolean matchesField(String field) {
            return match == Match.ANY_CHILD || (match == Match.FIELD && name.equals(field));
        }

        boolean matchesElement() {
            return match != Match.FIELD;
        }
    }

    private final String text;
    private final List<Segment> segments;

    private JsonPathPattern(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    List<Segment> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the path, the position and what was expected
     */
    static JsonPathPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a path must not be empty; it starts with '$', e.g. $.items[*].price");
        }
        if (text.charAt(0) != '$') {
            throw malformed(text, 0, "a path starts with '$'");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean descendant = false;
            if (c == '.') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '.') {
                    descendant = true;
                    i += 2;
                } else {
                    i += 1;
                }
                if (i >= text.length()) {
                    throw malformed(text, i, "expected a field name, '*' or '[' after '.'");
                }
                c = text.charAt(i);
                if (c == '[') {
                    if (!descendant) {
                        throw malformed(text, i, "write ['name'] or [*] without a '.' before it");
                    }
                    i = bracket(text, i, true, segments);
                } else if (c == '*') {
                    segments.add(new Segment(Match.ANY_CHILD, null, descendant));
                    i++;
                } else {
                    int end = i;
                    while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                        end++;
                    }
                    String name = text.substring(i, end);
                    if (name.isEmpty() || !isPlainName(name)) {
                        throw malformed(text, i, "field name '" + name + "' needs quotes: write ['" + name + "']");
                    }
                    segments.add(new Segment(Match.FIELD, name, descendant));
                    i = end;
                }
            } else if (c == '[') {
                i = bracket(text, i, false, segments);
            } else {
                throw malformed(text, i, "expected '.' or '[' but found '" + c + "'");
            }
            if (segments.size() > MAX_SEGMENTS) {
                throw malformed(text, i, "more than " + MAX_SEGMENTS + " segments");
            }
        }
        return new JsonPathPattern(text, List.copyOf(segments));
    }

    /** Parses {@code [*]} or {@code ['name']} at {@code i}; returns the index after it. */
    private static int bracket(String text, int i, boolean descendant, List<Segment> segments) {
        if (text.startsWith("[*]", i)) {
            segments.add(new Segment(Match.ANY_ELEMENT, null, descendant));
            return i + 3;
        }
        int j = i + 1;
        if (j < text.length() && Character.isDigit(text.charAt(j))) {
            int end = j;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            throw malformed(text, i, "array indices are normalised: write [*] instead of ["
                    + text.substring(j, end) + "]");
        }
        if (j >= text.length() || (text.charAt(j) != '\'' && text.charAt(j) != '"')) {
            throw malformed(text, i, "expected [*] or a quoted name like ['a.b'] after '['");
        }
        char quote = text.charAt(j);
        StringBuilder name = new StringBuilder();
        j++;
        while (true) {
            if (j >= text.length()) {
                throw malformed(text, i, "unclosed quoted name");
            }
            char c = text.charAt(j);
            if (c == '\\') {
                if (j + 1 >= text.length()) {
                    throw malformed(text, j, "'\\' at the end of the path");
                }
                name.append(text.charAt(j + 1));
                j += 2;
            } else if (c == quote) {
                j++;
                break;
            } else {
                name.append(c);
                j++;
            }
        }
        if (j >= text.length() || text.charAt(j) != ']') {
            throw malformed(text, j, "expected ']' after the quoted name");
        }
        segments.add(new Segment(Match.FIELD, name.toString(), descendant));
        return j + 1;
    }

    /** A name written after a dot in canonical paths: letters, digits, '_' and '-', not starting with a digit or '-'. */
    public static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Appends one canonical field segment: {@code .name} or {@code ['na\'me']}. */
    public static void appendField(StringBuilder out, String name) {
        if (isPlainName(name)) {
            out.append('.').append(name);
            return;
        }
        out.append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append("']");
    }

    private static IllegalArgumentException malformed(String text, int position, String expected) {
        return new IllegalArgumentException("malformed path '" + text + "' at position " + position + ": " + expected);
    }
}
