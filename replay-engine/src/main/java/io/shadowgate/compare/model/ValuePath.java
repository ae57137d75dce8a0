package io.shadowgate.compare.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.shadowgate.compare.response.JsonPathPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A path naming one value in a JSON document, in Shadowgate's canonical notation: {@code $} is
 * the root, {@code .name} a field whose name is plain (a letter or {@code _}, then letters,
 * digits, {@code _} and {@code -}), {@code ['odd.key']} any
 * other field (backslash escapes {@code '} and {@code \}), and {@code [3]} one array element.
 * The wildcard {@code [*]} of the canonical notation names many values, so it is refused here.
 * Immutable and thread-safe.
 */
public final class ValuePath {

    /** A step: a field name, or an array index when {@code name} is null. */
    private record Step(String name, int index) {
    }

    private final String text;
    private final List<Step> steps;

    private ValuePath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * Parses {@code text}, e.g. {@code $.prediction.score} or {@code $['class-probabilities']}.
     *
     * @throws IllegalArgumentException naming the text, the offset and what was expected
     */
    @JsonCreator
    public static ValuePath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("path must start with '$' (was " + quote(text) + ")");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (!JsonPathPattern.isPlainName(name)) {
                    throw new IllegalArgumentException("path " + quote(text) + " at offset " + i + ": '." + name
                            + "' is not a plain name; write it as ['" + escape(name) + "']");
                }
                steps.add(new Step(name, -1));
                i = end;
            } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                while (j < text.length() && text.charAt(j) != '\'') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    name.append(text.charAt(j++));
                }
                if (j + 1 >= text.length() || text.charAt(j + 1) != ']') {
                    throw new IllegalArgumentException("path " + quote(text) + " at offset " + i
                            + ": a quoted key must end with ']");
                }
                steps.add(new Step(name.toString(), -1));
                i = j + 2;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                String inside = close < 0 ? "" : text.substring(i + 1, close);
                if (inside.equals("*")) {
                    throw new IllegalArgumentException("path " + quote(text) + " at offset " + i
                            + ": [*] names many values; a model field path must name one (use an index such as [0])");
                }
                if (!inside.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("path " + quote(text) + " at offset " + i
                            + ": expected ['key'] or an array index such as [0]");
                }
                steps.add(new Step(null, Integer.parseInt(inside)));
                i = close + 1;
            } else {
                throw new IllegalArgumentException("path " + quote(text) + " at offset " + i
                        + ": expected '.', ['key'] or [index] (found '" + c + "')");
            }
        }
        return new ValuePath(render(steps), List.copyOf(steps));
    }

    /** The canonical text, so {@code $['label']} and {@code $.label} are the same path. */
    private static String render(List<Step> steps) {
        StringBuilder out = new StringBuilder("$");
        for (Step step : steps) {
            if (step.name() == null) {
                out.append('[').append(step.index()).append(']');
            } else if (JsonPathPattern.isPlainName(step.name())) {
                out.append('.').append(step.name());
            } else {
                out.append("['").append(escape(step.name())).append("']");
            }
        }
        return out.toString();
    }

    /** The node at this path, or null when some step does not exist (a JSON null is returned as a node). */
    public JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Step step : steps) {
            if (node == null) {
                return null;
            }
            if (step.name() != null) {
                node = node.isObject() ? node.get(step.name()) : null;
            } else {
                node = node.isArray() ? node.get(step.index()) : null;
            }
        }
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValuePath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path in canonical notation. */
    @Override
    @JsonValue
    public String toString() {
        return text;
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
