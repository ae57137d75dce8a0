package io.shadowgate.compare.response;

/**
 * How the arrays at {@code path} are matched up; arrays without a rule are compared in order.
 *
 * @param path     pattern of the arrays, e.g. {@code $.items}
 * @param mode     how elements are paired
 * @param keyField for {@link Mode#BY_KEY}, the field whose scalar value identifies an element
 *                 (e.g. {@code id}); null otherwise
 */
public record ArrayRule(String path, Mode mode, String keyField) {

    public enum Mode {
        /** Element i against element i; a length change is reported once, extra elements are not listed. */
        IN_ORDER,
        /**
         * Elements with equal key values are compared, wherever they are; elements whose key only
         * one side has are {@code field-removed} / {@code field-added} at {@code path[*]}. When an
         * element is not an object with a scalar key, or a key repeats, the array is compared in order.
         */
        BY_KEY,
        /**
         * The arrays are multisets: an element counts as present when the other side has an equal
         * one (after ignore rules and normalisation below it; numeric tolerances do not apply, as
         * approximate multiset matching has no cheap exact answer). Elements only one side has
         * are reported as removed or added at {@code path[*]}.
         */
        UNORDERED
    }

    public ArrayRule {
        RuleText.checkPath("array rule", path);
        if (mode == null) {
            throw new IllegalArgumentException("array rule for '" + path + "': mode must be given (IN_ORDER, BY_KEY or UNORDERED)");
        }
        if (mode == Mode.BY_KEY && (keyField == null || keyField.isEmpty())) {
            throw new IllegalArgumentException("array rule for '" + path + "': BY_KEY needs a key field, e.g. \"id\"");
        }
        if (mode != Mode.BY_KEY && keyField != null) {
            throw new IllegalArgumentException("array rule for '" + path + "': a key field ('" + keyField
                    + "') only makes sense with BY_KEY, not " + mode);
        }
    }

    public static ArrayRule inOrder(String path) {
        return new ArrayRule(path, Mode.IN_ORDER, null);
    }

    public static ArrayRule byKey(String path, String keyField) {
        return new ArrayRule(path, Mode.BY_KEY, keyField);
    }

    public static ArrayRule unordered(String path) {
        return new ArrayRule(path, Mode.UNORDERED, null);
    }
}
