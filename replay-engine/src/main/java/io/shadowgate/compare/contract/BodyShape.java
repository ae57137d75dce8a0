package io.shadowgate.compare.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The mutable counterpart of {@link BodySchema}, owned by one {@link EndpointShape}; single writer. */
final class BodyShape {

    /** Distinct media types kept per status class; the rest count as {@value #OTHER_CONTENT_TYPE}. */
    static final int MAX_CONTENT_TYPES = 16;
    static final String OTHER_CONTENT_TYPE = "(other)";

    final String statusClass;
    final PathNode root = PathNode.root();
    /** Every tracked node by path, root first, parents before children. */
    final Map<String, PathNode> paths = new LinkedHashMap<>();
    private final Map<String, Long> contentTypes = new TreeMap<>();
    long responses;
    long jsonBodies;
    long notJsonBodies;
    long emptyBodies;

    BodyShape(String statusClass) {
        this.statusClass = statusClass;
        paths.put(root.path, root);
    }

    void countContentType(String mediaType, long n) {
        String key = contentTypes.containsKey(mediaType) || contentTypes.size() < MAX_CONTENT_TYPES
                ? mediaType : OTHER_CONTENT_TYPE;
        contentTypes.merge(key, n, Long::sum);
    }

    void add(BodyShape other) {
        responses += other.responses;
        jsonBodies += other.jsonBodies;
        notJsonBodies += other.notJsonBodies;
        emptyBodies += other.emptyBodies;
        other.contentTypes.forEach(this::countContentType);
    }

    /** The counts of {@code schema} without its paths, which the owning endpoint restores. */
    static BodyShape of(BodySchema schema) {
        BodyShape body = new BodyShape(schema.statusClass());
        body.responses = schema.responses();
        body.jsonBodies = schema.jsonBodies();
        body.notJsonBodies = schema.notJsonBodies();
        body.emptyBodies = schema.emptyBodies();
        body.contentTypes.putAll(schema.contentTypes());
        return body;
    }

    /**
     * The snapshot, paths in path order: canonical whatever order responses came in, and parents
     * before children (a parent's path is a prefix of its children's).
     */
    BodySchema snapshot() {
        Map<String, PathSchema> out = new LinkedHashMap<>();
        for (PathNode node : new TreeMap<>(paths).values()) {
            long opportunities = node.parent == null ? responses
                    : node.parent.typeResponses(node.element ? JsonType.ARRAY : JsonType.OBJECT);
            out.put(node.path, node.snapshot(opportunities));
        }
        return new BodySchema(statusClass, responses, jsonBodies, notJsonBodies, emptyBodies,
                Collections.unmodifiableMap(new TreeMap<>(contentTypes)), Collections.unmodifiableMap(out));
    }
}
