package io.shadowgate.compare.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable schema of one endpoint: status codes, and per status class the bodies' paths.
 * Distinct paths below the roots are capped per endpoint; values at paths beyond the cap are
 * counted, not tracked. Single writer, owned by a {@link ContractLearner}.
 */
final class EndpointShape {

    final String endpoint;
    private final int maxPaths;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<String, BodyShape> bodies = new TreeMap<>();
    private long responses;
    private int trackedPaths;
    private long foldedValues;

    EndpointShape(String endpoint, int maxPaths) {
        this.endpoint = endpoint;
        this.maxPaths = maxPaths;
    }

    /** Counts one response; returns its status class's body shape for the caller to count the body in. */
    BodyShape respond(int status, String mediaType) {
        responses++;
        statuses.merge(status, 1L, Long::sum);
        BodyShape body = bodies.computeIfAbsent(statusClass(status), BodyShape::new);
        body.responses++;
        body.countContentType(mediaType, 1);
        return body;
    }

    /** Walks a parsed body, counting every value at its canonical path; {@code response} numbers the response. */
    void walk(BodyShape body, JsonNode tree, long response) {
        body.jsonBodies++;
        visit(body, body.root, tree, response);
    }

    private void visit(BodyShape body, PathNode node, JsonNode value, long response) {
        node.see(JsonType.of(value), response);
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                PathNode child = node.field(field.getKey());
                if (child == null && trackedPaths < maxPaths) {
                    child = track(body, node.addField(field.getKey()));
                }
                if (child == null) {
                    foldedValues += countValues(field.getValue());
                } else {
                    visit(body, child, field.getValue(), response);
                }
            }
        } else if (value.isArray() && !value.isEmpty()) {
            PathNode child = node.anyElement();
            if (child == null && trackedPaths < maxPaths) {
                child = track(body, node.addElement());
            }
            for (JsonNode element : value) {
                if (child == null) {
                    foldedValues += countValues(element);
                } else {
                    visit(body, child, element, response);
                }
            }
        }
    }

    private PathNode track(BodyShape body, PathNode created) {
        trackedPaths++;
        body.paths.put(created.path, created);
        return created;
    }

    /** Adds another learner's responses to this endpoint, tracking its paths while the cap allows. */
    void merge(EndpointShape other) {
        responses += other.responses;
        foldedValues += other.foldedValues;
        other.statuses.forEach((code, n) -> statuses.merge(code, n, Long::sum));
        for (BodyShape theirs : other.bodies.values()) {
            BodyShape mine = bodies.computeIfAbsent(theirs.statusClass, BodyShape::new);
            mine.add(theirs);
            // Their paths come parents first, so a parent is tracked here (or folded) before its children.
            for (PathNode node : theirs.paths.values()) {
                PathNode target = mine.paths.get(node.path);
                if (target == null) {
                    PathNode parent = mine.paths.get(node.parent.path);
                    if (parent != null && trackedPaths < maxPaths) {
                        target = track(mine, node.element ? parent.addElement() : parent.addField(node.name));
                    }
                }
                if (target == null) {
                    foldedValues += node.occurrences();
                } else {
                    target.add(node);
                }
            }
        }
    }

    /**
     * The mutable schema that {@code schema} is a snapshot of (a stored schema read back, to be
     * merged): its counts, and its paths tracked in path order, parents first.
     */
    static EndpointShape of(EndpointSchema schema, int maxPaths) {
        EndpointShape shape = new EndpointShape(schema.endpoint(), maxPaths);
        shape.responses = schema.responses();
        shape.foldedValues = schema.foldedValues();
        shape.statuses.putAll(schema.statuses());
        for (BodySchema b : schema.bodies().values()) {
            BodyShape body = BodyShape.of(b);
            shape.bodies.put(body.statusClass, body);
            for (PathSchema p : new TreeMap<>(b.paths()).values()) {
                PathNode node;
                if (p.parent() == null) {
                    node = body.root;
                } else {
                    PathNode parent = body.paths.get(p.parent());
                    if (parent == null) {
                        throw new IllegalArgumentException("path " + p.path() + " of " + schema.endpoint()
                                + " has no parent " + p.parent() + " in the schema");
                    }
                    node = shape.track(body, p.element() ? parent.addElement() : parent.addField(fieldName(p)));
                    if (!node.path.equals(p.path())) {
                        throw new IllegalArgumentException("path " + p.path() + " is not a child of " + p.parent());
                    }
                }
                node.restore(p);
            }
        }
        return shape;
    }

    /** The field name that {@link CanonicalPaths#field} appended to the parent's path. */
    private static String fieldName(PathSchema p) {
        String rest = p.path().substring(Math.min(p.parent().length(), p.path().length()));
        if (rest.startsWith(".")) {
            return rest.substring(1);
        }
        if (rest.startsWith("['") && rest.endsWith("']")) {
            StringBuilder name = new StringBuilder();
            for (int i = 2; i < rest.length() - 2; i++) {
                char c = rest.charAt(i);
                if (c == '\\' && i + 1 < rest.length() - 2) {
                    c = rest.charAt(++i);
                }
                name.append(c);
            }
            return name.toString();
        }
        throw new IllegalArgumentException("path " + p.path() + " is not a field of " + p.parent());
    }

    EndpointSchema snapshot() {
        Map<String, BodySchema> out = new TreeMap<>();
        bodies.forEach((statusClass, body) -> out.put(statusClass, body.snapshot()));
        return new EndpointSchema(endpoint, responses, Collections.unmodifiableMap(new TreeMap<>(statuses)),
                Collections.unmodifiableMap(out), foldedValues);
    }

    long responses() {
        return responses;
    }

    /** {@code 2xx} for 200-299 and so on; {@code other} outside 100-599. */
    static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }

    private static long countValues(JsonNode value) {
        long n = 1;
        for (JsonNode child : value) {
            n += countValues(child);
        }
        return n;
    }
}
