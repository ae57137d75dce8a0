package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One canonical path ({@code $.items[*].price}) with the rules that apply there, and its
 * children, built on first visit and cached (up to {@link PathRules#MAX_CACHED_NODES}).
 * Thread-safe: the rule attributes are final, children sit in a concurrent map, and the path
 * string is built at most a few times and published through a volatile field.
 */
final class PathNode {

    private static final Normalisation[] NO_NORMALISATIONS = new Normalisation[0];

    private final PathRules rules;
    private final PathNode parent;
    /** The field name; null for the root and for array elements. */
    private final String field;
    /** (rule, position) pairs of patterns that may still match below this node. */
    private final int[] active;

    private final boolean ignored;
    private final NumericTolerance tolerance;
    private final Normalisation[] normalisations;
    private final ArrayRule arrayRule;

    private final ConcurrentHashMap<String, PathNode> fields = new ConcurrentHashMap<>();
    private volatile PathNode element;
    private volatile String path;

    PathNode(PathRules rules, PathNode parent, String field, int[] active, List<Integer> matched) {
        this.rules = rules;
        this.parent = parent;
        this.field = field;
        this.active = active;
        boolean ignore = false;
        NumericTolerance firstTolerance = null;
        List<Normalisation> normalise = new ArrayList<>(0);
        ArrayRule firstArrayRule = null;
        // Rules are numbered in DiffRules order within each action, so sorting keeps "first given wins".
        List<Integer> ordered = new ArrayList<>(matched);
        ordered.sort(null);
        for (int r : ordered) {
            PathRules.Rule rule = rules.rule(r);
            switch (rule.action()) {
                case IGNORE -> ignore = true;
                case TOLERANCE -> firstTolerance = firstTolerance == null ? (NumericTolerance) rule.payload() : firstTolerance;
                case NORMALISE -> normalise.add((Normalisation) rule.payload());
                case ARRAY -> firstArrayRule = firstArrayRule == null ? (ArrayRule) rule.payload() : firstArrayRule;
                default -> throw new IllegalStateException("unknown action " + rule.action());
            }
        }
        this.ignored = ignore;
        this.tolerance = firstTolerance;
        this.normalisations = normalise.isEmpty() ? NO_NORMALISATIONS : normalise.toArray(NO_NORMALISATIONS);
        this.arrayRule = firstArrayRule;
    }

    int[] active() {
        return active;
    }

    boolean ignored() {
        return ignored;
    }

    /** The tolerance for numbers here, or null. */
    NumericTolerance tolerance() {
        return tolerance;
    }

    /** The normalisations for strings here, in order; empty when none. */
    Normalisation[] normalisations() {
        return normalisations;
    }

    /** The array rule here, or null for in-order comparison. */
    ArrayRule arrayRule() {
        return arrayRule;
    }

    /** The node of field {@code name} below this one. */
    PathNode field(String name) {
        PathNode child = fields.get(name);
        if (child != null) {
            return child;
        }
        child = rules.child(this, name);
        if (rules.reserveNode()) {
            PathNode earlier = fields.putIfAbsent(name, child);
            return earlier != null ? earlier : child;
        }
        return child;
    }

    /** The node of any element of the array here ({@code [*]}). */
    PathNode element() {
        PathNode child = element;
        if (child == null) {
            child = rules.child(this, null);
            element = child;
        }
        return child;
    }

    /** The canonical path, e.g. {@code $.items[*]['unit.price']}. */
    String path() {
        String p = path;
        if (p == null) {
            p = parent == null ? "$" : build();
            path = p;
        }
        return p;
    }

    private String build() {
        StringBuilder out = new StringBuilder(parent.path());
        if (field == null) {
            out.append("[*]");
        } else {
            JsonPathPattern.appendField(out, field);
        }
        return out.toString();
    }
}
