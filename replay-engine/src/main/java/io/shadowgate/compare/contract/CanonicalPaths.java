package io.shadowgate.compare.contract;

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
        if (isPlainName(name)) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /**
     * A name written after a dot: a letter or '_', then letters, digits, '_' and '-'. The same rule
     * as the response diff's canonical paths, so both report a field under the same path.
     */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
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

    /** The path of any element of the array at {@code parent}. */
    public static String element(String parent) {
        return parent + ANY_ELEMENT;
    }
}
