package io.shadowgate.compare.response;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A canonical text of a JSON value under the rules below its path, equal for two values
 * exactly when the comparison would find no difference between them (tolerances aside): object
 * keys sorted, ignored paths left out, strings normalised, numbers in one decimal form (7, 7.0
 * and 7e0 alike), keyed and unordered arrays sorted. Used to match elements of unordered arrays.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String of(PathNode node, JsonNode value) {
        StringBuilder out = new StringBuilder(64);
        write(node, value, out);
        return out.toString();
    }

    /** Numeric equality across Jackson's number node types: 1 and 1.0 are equal. */
    static boolean numbersEqual(JsonNode b, JsonNode c) {
        if (b.isIntegralNumber() && c.isIntegralNumber()) {
            return b.canConvertToLong() && c.canConvertToLong()
                    ? b.longValue() == c.longValue()
                    : b.bigIntegerValue().equals(c.bigIntegerValue());
        }
        if (b.isBigDecimal() || c.isBigDecimal()) {
            return b.decimalValue().compareTo(c.decimalValue()) == 0;
        }
        return b.doubleValue() == c.doubleValue();
    }

    /** One decimal form per number: no exponent, no trailing zeros. */
    static String number(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? Long.toString(number.longValue()) : number.bigIntegerValue().toString();
        }
        double d = number.doubleValue();
        if (!number.isBigDecimal() && !Double.isFinite(d)) {
            return Double.toString(d);
        }
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static void write(PathNode node, JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(value.size());
                value.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                out.append('{');
                boolean first = true;
                for (String name : names) {
                    PathNode child = node.field(name);
                    if (child.ignored()) {
                        continue;
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(name, out);
                    out.append(':');
                    write(child, value.get(name), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                PathNode element = node.element();
                if (element.ignored()) {
                    out.append("[#").append(value.size()).append(']'); // only the length is compared
                    return;
                }
                String[] elements = new String[value.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = of(element, value.get(i));
                }
                ArrayRule rule = node.arrayRule();
                if (rule != null && rule.mode() != ArrayRule.Mode.IN_ORDER) {
                    // Keyed arrays pair elements by key wherever they sit, so order is not part of their value either.
                    Arrays.sort(elements);
                }
                out.append('[').append(String.join(",", elements)).append(']');
            }
            case STRING -> {
                String text = value.textValue();
                for (Normalisation n : node.normalisations()) {
                    text = n.apply(text);
                }
                quote(text, out);
            }
            case NUMBER -> out.append(number(value));
            default -> out.append(value.toString());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }
}
