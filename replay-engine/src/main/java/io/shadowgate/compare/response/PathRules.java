package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The path rules of a {@link DiffRules}, compiled into a lazily built tree of canonical paths
 * ({@link PathNode}): each node knows which rules apply to it and which may still apply below,
 * so a comparison walks the tree alongside the JSON and never matches a pattern twice for the
 * same canonical path. Thread-safe; the tree is bounded by {@link #MAX_CACHED_NODES}.
 */
final class PathRules {

    /**
     * Canonical paths remembered per endpoint. Beyond it (objects keyed by ids give a path per
     * id) nodes are built afresh on each visit: correct, only slower.
     */
    static final int MAX_CACHED_NODES = 20_000;

    enum Action { IGNORE, TOLERANCE, NORMALISE, ARRAY }

    record Rule(JsonPathPattern pattern, Action action, Object payload) {
    }

    private final Rule[] rules;
    private final AtomicInteger cachedNodes = new AtomicInteger();
    private final PathNode root;

    PathRules(DiffRules diffRules) {
        List<Rule> list = new ArrayList<>();
        for (String path : diffRules.ignoredPaths()) {
            list.add(new Rule(JsonPathPattern.parse(path), Action.IGNORE, null));
        }
        for (NumericTolerance t : diffRules.tolerances()) {
            list.add(new Rule(JsonPathPattern.parse(t.path()), Action.TOLERANCE, t));
        }
        for (Normalisation n : diffRules.normalisations()) {
            list.add(new Rule(JsonPathPattern.parse(n.path()), Action.NORMALISE, n));
        }
        for (ArrayRule a : diffRules.arrayRules()) {
            list.add(new Rule(JsonPathPattern.parse(a.path()), Action.ARRAY, a));
        }
        this.rules = list.toArray(new Rule[0]);
        IntPairs active = new IntPairs();
        List<Integer> matched = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            if (rules[r].pattern().segments().isEmpty()) {
                matched.add(r);
            } else {
                active.add(r, 0);
            }
        }
        this.root = new PathNode(this, null, null, active.toArray(), matched);
    }

    PathNode root() {
        return root;
    }

    Rule rule(int index) {
        return rules[index];
    }

    /** Whether another node may be cached; counts it when so. */
    boolean reserveNode() {
        return cachedNodes.incrementAndGet() <= MAX_CACHED_NODES;
    }

    /** The node for the field {@code name} (or, when null, any element) below {@code parent}. */
    PathNode child(PathNode parent, String name) {
        int[] active = parent.active();
        if (active.length == 0) {
            return new PathNode(this, parent, name, active, List.of());
        }
        IntPairs next = new IntPairs();
        List<Integer> matched = new ArrayList<>(1);
        for (int i = 0; i < active.length; i += 2) {
            int r = active[i];
            int position = active[i + 1];
            List<JsonPathPattern.Segment> segments = rules[r].pattern().segments();
            JsonPathPattern.Segment segment = segments.get(position);
            if (segment.descendant()) {
                next.add(r, position); // '..' may skip this segment too
            }
            boolean matches = name == null ? segment.matchesElement() : segment.matchesField(name);
            if (matches) {
                if (position + 1 == segments.size()) {
                    if (!matched.contains(r)) {
                        matched.add(r);
                    }
                } else {
                    next.add(r, position + 1);
                }
            }
        }
        return new PathNode(this, parent, name, next.toArray(), matched);
    }

    /** A small set of (rule, position) pairs, kept flat. */
    private static final class IntPairs {
        private int[] pairs = new int[8];
        private int size;

        void add(int rule, int position) {
            for (int i = 0; i < size; i += 2) {
                if (pairs[i] == rule && pairs[i + 1] == position) {
                    return;
                }
            }
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = rule;
            pairs[size++] = position;
        }

        int[] toArray() {
            return size == 0 ? EMPTY : Arrays.copyOf(pairs, size);
        }

        private static final int[] EMPTY = new int[0];
    }
}
