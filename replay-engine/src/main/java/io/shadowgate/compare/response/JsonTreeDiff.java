package io.shadowgate.compare.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One walk over two JSON trees in step, with the canonical path tree of the endpoint's rules
 * alongside. Strings are built only for differences: equal scalars are compared without even
 * looking up their path, and the concrete location is kept as a stack of segments until a
 * difference needs it. Used once, by one thread.
 */
final class JsonTreeDiff {

    private final DifferenceCollector out;
    private final int maxChars;

    // The concrete location: field names, or null with the index in indices[].
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private int depth;

    private JsonTreeDiff(DifferenceCollector out, int maxChars) {
        this.out = out;
        this.maxChars = maxChars;
    }

    static void compare(PathNode root, JsonNode baseline, JsonNode candidate, DifferenceCollector out, int maxChars) {
        if (!root.ignored()) {
            new JsonTreeDiff(out, maxChars).diff(root, baseline, candidate);
        }
    }

    private void diff(PathNode node, JsonNode b, JsonNode c) {
        JsonNodeType type = b.getNodeType();
        if (type != c.getNodeType()) {
            emit(node, DifferenceKind.TYPE_CHANGED, b, c);
            return;
        }
        switch (type) {
            case OBJECT -> objects(node, b, c);
            case ARRAY -> arrays(node, b, c);
            case STRING -> strings(node, b, c);
            case NUMBER -> numbers(node, b, c);
            default -> {
                if (!b.equals(c)) {
                    emit(node, DifferenceKind.VALUE_CHANGED, b, c);
                }
            }
        }
    }

    /** Same type and value by Jackson's equality: true means equal under any rule. */
    private static boolean sameScalar(JsonNode b, JsonNode c) {
        return b.isValueNode() && b.equals(c);
    }

    private void objects(PathNode node, JsonNode b, JsonNode c) {
        int found = 0;
        for (Map.Entry<String, JsonNode> field : b.properties()) {
            String name = field.getKey();
            JsonNode bv = field.getValue();
            JsonNode cv = c.get(name);
            if (cv != null) {
                found++;
                if (sameScalar(bv, cv)) {
                    continue;
                }
            }
            PathNode child = node.field(name);
            if (child.ignored()) {
                continue;
            }
            push(name);
            if (cv == null) {
                emitOneSided(child, DifferenceKind.FIELD_REMOVED, bv, null);
            } else {
                diff(child, bv, cv);
            }
            pop();
        }
        if (found == c.size()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : c.properties()) {
            String name = field.getKey();
            if (b.get(name) == null) {
                PathNode child = node.field(name);
                if (!child.ignored()) {
                    push(name);
                    emitOneSided(child, DifferenceKind.FIELD_ADDED, null, field.getValue());
                    pop();
                }
            }
        }
    }

    private void arrays(PathNode node, JsonNode b, JsonNode c) {
        if (b.size() != c.size()) {
            if (out.admit(node.path(), DifferenceKind.ARRAY_LENGTH_CHANGED)) {
                out.add(new Difference(node.path(), location(), DifferenceKind.ARRAY_LENGTH_CHANGED,
                        Integer.toString(b.size()), Integer.toString(c.size()), null));
            }
        }
        ArrayRule rule = node.arrayRule();
        ArrayRule.Mode mode = rule == null ? ArrayRule.Mode.IN_ORDER : rule.mode();
        switch (mode) {
            case BY_KEY -> {
                if (!byKey(node, b, c, rule.keyField())) {
                    inOrder(node, b, c);
                }
            }
            case UNORDERED -> unordered(node, b, c);
            default -> inOrder(node, b, c);
        }
    }

    private void inOrder(PathNode node, JsonNode b, JsonNode c) {
        int common = Math.min(b.size(), c.size());
        PathNode element = null;
        for (int i = 0; i < common; i++) {
            JsonNode bv = b.get(i);
            JsonNode cv = c.get(i);
            if (sameScalar(bv, cv)) {
                continue;
            }
            if (element == null) {
                element = node.element();
                if (element.ignored()) {
                    return;
                }
            }
            push(i);
            diff(element, bv, cv);
            pop();
        }
    }

    /** False when the array cannot be keyed (non-object element, missing or non-scalar key, repeated key). */
    private boolean byKey(PathNode node, JsonNode b, JsonNode c, String keyField) {
        Map<String, Integer> candidateIndex = keys(c, keyField);
        if (candidateIndex == null || keys(b, keyField) == null) { // the baseline's keys must be unique too
            return false;
        }
        PathNode element = node.element();
        if (element.ignored()) {
            return true;
        }
        boolean[] matched = new boolean[c.size()];
        for (int i = 0; i < b.size(); i++) {
            JsonNode bv = b.get(i);
            Integer j = candidateIndex.get(canonicalKey(bv.get(keyField)));
            push(i);
            if (j == null) {
                emitElement(element, DifferenceKind.FIELD_REMOVED, keyField, bv);
            } else {
                matched[j] = true;
                diff(element, bv, c.get(j));
            }
            pop();
        }
        for (int j = 0; j < c.size(); j++) {
            if (!matched[j]) {
                push(j);
                emitElement(element, DifferenceKind.FIELD_ADDED, keyField, c.get(j));
                pop();
            }
        }
        return true;
    }

    private static Map<String, Integer> keys(JsonNode array, String keyField) {
        Map<String, Integer> index = new HashMap<>(Math.max(4, array.size() * 2));
        for (int i = 0; i < array.size(); i++) {
            JsonNode key = array.get(i).get(keyField);
            if (key == null || !key.isValueNode() || index.put(canonicalKey(key), i) != null) {
                return null;
            }
        }
        return index;
    }

    /** Distinguishes 7 from "7" and equates 7 with 7.0. */
    private static String canonicalKey(JsonNode key) {
        return key.isNumber() ? "n" + CanonicalJson.number(key) : key.getNodeType().name().charAt(0) + key.asText();
    }

    private void emitElement(PathNode element, DifferenceKind kind, String keyField, JsonNode value) {
        if (!out.admit(element.path(), kind)) {
            return;
        }
        String text = ValueText.truncate(keyField + "=" + value.get(keyField), maxChars);
        out.add(new Difference(element.path(), location(), kind,
                kind == DifferenceKind.FIELD_REMOVED ? text : null,
                kind == DifferenceKind.FIELD_ADDED ? text : null, null));
    }

    private void unordered(PathNode node, JsonNode b, JsonNode c) {
        PathNode element = node.element();
        if (element.ignored()) {
            return;
        }
        String[] baselineValues = new String[b.size()];
        Map<String, Integer> remaining = new HashMap<>(Math.max(4, b.size() * 2));
        for (int i = 0; i < b.size(); i++) {
            baselineValues[i] = CanonicalJson.of(element, b.get(i));
            remaining.merge(baselineValues[i], 1, Integer::sum);
        }
        List<Integer> added = new ArrayList<>();
        for (int j = 0; j < c.size(); j++) {
            String value = CanonicalJson.of(element, c.get(j));
            Integer count = remaining.get(value);
            if (count == null || count == 0) {
                added.add(j);
            } else {
                remaining.put(value, count - 1);
            }
        }
        for (int i = 0; i < b.size(); i++) {
            Integer count = remaining.get(baselineValues[i]);
            if (count > 0) {
                remaining.put(baselineValues[i], count - 1);
                push(i);
                emitOneSided(element, DifferenceKind.FIELD_REMOVED, b.get(i), null);
                pop();
            }
        }
        for (int j : added) {
            push(j);
            emitOneSided(element, DifferenceKind.FIELD_ADDED, null, c.get(j));
            pop();
        }
    }

    private void strings(PathNode node, JsonNode b, JsonNode c) {
        String bt = b.textValue();
        String ct = c.textValue();
        if (bt.equals(ct)) {
            return;
        }
        Normalisation[] normalisations = node.normalisations();
        if (normalisations.length > 0) {
            for (Normalisation n : normalisations) {
                bt = n.apply(bt);
                ct = n.apply(ct);
            }
            if (bt.equals(ct)) {
                return;
            }
        }
        emit(node, DifferenceKind.VALUE_CHANGED, b, c);
    }

    private void numbers(PathNode node, JsonNode b, JsonNode c) {
        if (CanonicalJson.numbersEqual(b, c)) {
            return;
        }
        NumericTolerance tolerance = node.tolerance();
        if (tolerance != null && tolerance.within(b, c)) {
            return;
        }
        emit(node, DifferenceKind.VALUE_CHANGED, b, c);
    }

    private void emit(PathNode node, DifferenceKind kind, JsonNode b, JsonNode c) {
        if (out.admit(node.path(), kind)) {
            out.add(new Difference(node.path(), location(), kind, ValueText.render(b, maxChars),
                    ValueText.render(c, maxChars), null));
        }
    }

    private void emitOneSided(PathNode node, DifferenceKind kind, JsonNode b, JsonNode c) {
        if (out.admit(node.path(), kind)) {
            out.add(new Difference(node.path(), location(), kind,
                    b == null ? null : ValueText.render(b, maxChars),
                    c == null ? null : ValueText.render(c, maxChars), null));
        }
    }

    private void push(String name) {
        grow();
        names[depth] = name;
        depth++;
    }

    private void push(int index) {
        grow();
        names[depth] = null;
        indices[depth] = index;
        depth++;
    }

    private void pop() {
        depth--;
    }

    private void grow() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
    }

    private String location() {
        StringBuilder s = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            if (names[i] == null) {
                s.append('[').append(indices[i]).append(']');
            } else {
                JsonPathPattern.appendField(s, names[i]);
            }
        }
        return s.toString();
    }
}
