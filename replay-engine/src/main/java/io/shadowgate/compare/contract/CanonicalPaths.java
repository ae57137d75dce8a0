package io.shadowgate.compare.contract;

import io.shadowgate.compare.response.JsonPathPattern;

/**
 * Shadowgate's canonical JSON path notation, shared with the response diff: {@code $} is the
 * root, {@code .name} a field whose name is plain (a letter or {@code _}, then letters, digits,
 * {@code _} and {@code -}),
 * {@code ['odd.key']} any other field (backslash escapes {@code '} and {@code \}), and
 * {@code [*]} any element of an array, so indices never multiply paths. Stateless.
 */
public final class CanonicalPaths {

    public static final String ROOT = "$";
    public static final String ANY_ELEMENT = "[*]";

    private CanonicalPaths() {
    }

    /** The path of field {@code name} of the object at {@code parent}. */
    public static String field(String parent, String name) {
        StringBuilder out = new StringBuilder(parent.length() + name.length() + 4).append(parent);
        JsonPathPattern.appendField(out, name);
        return out.toString();
    }

    /** The path of any element of the array at {@code parent}. */
    public static String element(String parent) {
        return parent + ANY_ELEMENT;
    }
}
