package io.shadowgate.compare.response;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Short renderings of values for differences: JSON as written (strings quoted), cut at a bound
 * with "…", never building more than the bound for a large subtree.
 */
final class ValueText {

    static final String ELLIPSIS = "…";

    private ValueText() {
    }

    /** {@code node} as compact JSON, at most {@code max} characters plus the ellipsis. */
    static String render(JsonNode node, int max) {
        StringBuilder out = new StringBuilder(Math.min(max + 8, 64));
        boolean complete = append(node, out, max);
        if (!complete || out.length() > max) {
            out.setLength(Math.min(out.length(), max));
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /** {@code text} cut to {@code max} characters, with the ellipsis when cut. */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // don't split a surrogate pair
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** Appends {@code node}; false when it stopped at the bound. */
    private static boolean append(JsonNode node, StringBuilder out, int max) {
        if (out.length() > max) {
            return false;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String head = text.length() > max ? text.substring(0, max) : text;
            out.append('"');
            out.append(JsonStringEncoder.getInstance().quoteAsString(head));
            if (head.length() < text.length()) {
                return false;
            }
            out.append('"');
            return true;
        }
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(field.getKey())).append("\":");
                if (!append(field.getValue(), out, max)) {
                    return false;
                }
            }
            out.append('}');
            return true;
        }
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!append(node.get(i), out, max)) {
                    return false;
                }
            }
            out.append(']');
            return true;
        }
        out.append(node.toString());
        return true;
    }
}
