package io.shadowgate.compare.contract;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What was seen at one canonical path of one endpoint's bodies: occurrences and responses per
 * JSON type. Children are linked so a walk follows pointers instead of building path strings.
 * Single writer, owned by a {@link ContractLearner}.
 */
final class PathNode {

    private static final int TYPES = JsonType.values().length;

    final String path;
    /** Field name under the parent, or null for the root and for array elements. */
    final String name;
    final PathNode parent;
    final boolean element;
    private final Map<String, PathNode> fields = new HashMap<>();
    private PathNode anyElement;
    private final long[] typeOccurrences = new long[TYPES];
    private final long[] typeResponses = new long[TYPES];
    private long responses;
    // The response this node last saw, and the types seen in it, so each response counts once per type.
    private long lastResponse = -1;
    private int typesInLastResponse;

    PathNode(String path, String name, PathNode parent, boolean element) {
        this.path = path;
        this.name = name;
        this.parent = parent;
        this.element = element;
    }

    static PathNode root() {
        return new PathNode(CanonicalPaths.ROOT, null, null, false);
    }

    /** Counts one value of {@code type} here in response number {@code response}. */
    void see(JsonType type, long response) {
        if (response != lastResponse) {
            lastResponse = response;
            typesInLastResponse = 0;
            responses++;
        }
        int bit = 1 << type.ordinal();
        if ((typesInLastResponse & bit) == 0) {
            typesInLastResponse |= bit;
            typeResponses[type.ordinal()]++;
        }
        typeOccurrences[type.ordinal()]++;
    }

    PathNode field(String fieldName) {
        return fields.get(fieldName);
    }

    PathNode anyElement() {
        return anyElement;
    }

    PathNode addField(String fieldName) {
        PathNode child = new PathNode(CanonicalPaths.field(path, fieldName), fieldName, this, false);
        fields.put(fieldName, child);
        return child;
    }

    PathNode addElement() {
        anyElement = new PathNode(CanonicalPaths.element(path), null, this, true);
        return anyElement;
    }

    /** Sets the counts a snapshot of this path holds (a stored schema read back). */
    void restore(PathSchema schema) {
        schema.typeOccurrences().forEach((type, n) -> typeOccurrences[type.ordinal()] = n);
        schema.typeResponses().forEach((type, n) -> typeResponses[type.ordinal()] = n);
        responses = schema.responses();
    }

    /** Adds another learner's counts for the same path. */
    void add(PathNode other) {
        for (int t = 0; t < TYPES; t++) {
            typeOccurrences[t] += other.typeOccurrences[t];
            typeResponses[t] += other.typeResponses[t];
        }
        responses += other.responses;
    }

    long occurrences() {
        long sum = 0;
        for (long n : typeOccurrences) {
            sum += n;
        }
        return sum;
    }

    long responses() {
        return responses;
    }

    long typeResponses(JsonType type) {
        return typeResponses[type.ordinal()];
    }

    /**
     * The snapshot, with {@code opportunities}: responses where this path could have been present
     * (its parent was an object, or an array for {@code [*]}; every response in the class for the root).
     */
    PathSchema snapshot(long opportunities) {
        return new PathSchema(path, parent == null ? null : parent.path, element, counts(typeOccurrences),
                counts(typeResponses), responses, opportunities);
    }

    private static Map<JsonType, Long> counts(long[] byType) {
        Map<JsonType, Long> out = new EnumMap<>(JsonType.class);
        for (int t = 0; t < TYPES; t++) {
            if (byType[t] > 0) {
                out.put(JsonType.at(t), byType[t]);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
