package io.shadowgate.compare.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.traffic.Header;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns each endpoint's response schema from one side's responses: per canonical JSON path the
 * types seen and in how many responses, the status codes and the content types. Use one learner
 * for the baseline and one for the candidate, then {@link ContractComparison#compare}. Single
 * writer: one thread calls {@link #learn} (or one learner per shard, combined with
 * {@link #merge}); not thread-safe.
 *
 * <p>Bounded: at most {@code maxPathsPerEndpoint} distinct paths below the roots per endpoint
 * ({@value #DEFAULT_MAX_PATHS_PER_ENDPOINT} by default; the first ones seen are kept and values
 * at the rest counted as folded) and {@code maxEndpoints} endpoints
 * ({@value #DEFAULT_MAX_ENDPOINTS}; responses of others counted). A body that is empty or not
 * one JSON document contributes no paths and is counted.
 */
public final class ContractLearner {

    public static final int DEFAULT_MAX_PATHS_PER_ENDPOINT = 2_000;
    public static final int DEFAULT_MAX_ENDPOINTS = 1_000;
    /** The media type recorded for a response without a Content-Type header. */
    public static final String NO_CONTENT_TYPE = "(none)";
    /** Longest media type kept; a longer header value is cut, so a hostile header cannot grow memory. */
    static final int MAX_MEDIA_TYPE_LENGTH = 100;

    // Trailing tokens fail the parse: "{...}{...}" is not one JSON document.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxPaths;
    private final int maxEndpoints;
    private final Map<String, EndpointShape> endpoints = new TreeMap<>();
    private long foldedEndpointResponses;
    private long responseNumber;

    public ContractLearner() {
        this(DEFAULT_MAX_PATHS_PER_ENDPOINT, DEFAULT_MAX_ENDPOINTS);
    }

    public ContractLearner(int maxPathsPerEndpoint, int maxEndpoints) {
        if (maxPathsPerEndpoint < 1) {
            throw new IllegalArgumentException("maxPathsPerEndpoint must be >= 1 (was " + maxPathsPerEndpoint + ")");
        }
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be >= 1 (was " + maxEndpoints + ")");
        }
        this.maxPaths = maxPathsPerEndpoint;
        this.maxEndpoints = maxEndpoints;
    }

    /** Learns from one response, finding the Content-Type among {@code headers} (any case). */
    public void learn(String endpoint, int status, List<Header> headers, byte[] body) {
        learn(endpoint, status, contentType(headers), body);
    }

    /**
     * Learns from one response.
     *
     * @param contentType the Content-Type header value, or null when there was none
     * @param body        the body, empty when there was none
     */
    public void learn(String endpoint, int status, String contentType, byte[] body) {
        BodyShape shape = respond(endpoint, status, contentType);
        if (shape == null) {
            return;
        }
        if (body == null || body.length == 0) {
            shape.emptyBodies++;
            return;
        }
        JsonNode tree = parse(body);
        if (tree == null) {
            shape.notJsonBodies++;
            return;
        }
        endpoints.get(endpoint).walk(shape, tree, responseNumber);
    }

    /**
     * Learns from a response whose body was parsed elsewhere (by the response diff, say), so it is
     * parsed once. {@code tree} null means the body was empty or not JSON; it counts as not JSON.
     */
    public void learnParsed(String endpoint, int status, String contentType, JsonNode tree) {
        BodyShape shape = respond(endpoint, status, contentType);
        if (shape == null) {
            return;
        }
        if (tree == null || tree.isMissingNode()) {
            shape.notJsonBodies++;
            return;
        }
        endpoints.get(endpoint).walk(shape, tree, responseNumber);
    }

    /** Adds another learner's responses (another shard of the same side); {@code other} is not changed. */
    public void merge(ContractLearner other) {
        foldedEndpointResponses += other.foldedEndpointResponses;
        for (EndpointShape theirs : other.endpoints.values()) {
            EndpointShape mine = endpoint(theirs.endpoint);
            if (mine == null) {
                foldedEndpointResponses += theirs.responses();
            } else {
                mine.merge(theirs);
            }
        }
    }

    /**
     * A learner holding what {@code schema} describes, to merge other learners (or schemas) into:
     * a stored shard's schema read back. Its path cap is the schema's.
     *
     * @throws IllegalArgumentException when a path's parent is missing or does not match
     */
    public static ContractLearner of(ContractSchema schema) {
        ContractLearner learner = new ContractLearner(schema.pathCap(), DEFAULT_MAX_ENDPOINTS);
        learner.foldedEndpointResponses = schema.foldedEndpointResponses();
        schema.endpoints().forEach((name, endpoint) -> learner.endpoints.put(name, EndpointShape.of(endpoint, schema.pathCap())));
        return learner;
    }

    /** The schema learned so far. */
    public ContractSchema schema() {
        Map<String, EndpointSchema> out = new TreeMap<>();
        endpoints.forEach((name, shape) -> out.put(name, shape.snapshot()));
        return new ContractSchema(Collections.unmodifiableMap(out), maxPaths, foldedEndpointResponses);
    }

    private BodyShape respond(String endpoint, int status, String contentType) {
        responseNumber++;
        EndpointShape shape = endpoint(endpoint);
        if (shape == null) {
            foldedEndpointResponses++;
            return null;
        }
        return shape.respond(status, mediaType(contentType));
    }

    private EndpointShape endpoint(String name) {
        EndpointShape shape = endpoints.get(name);
        if (shape == null && endpoints.size() < maxEndpoints) {
            shape = new EndpointShape(name, maxPaths);
            endpoints.put(name, shape);
        }
        return shape;
    }

    /** The first Content-Type header's value, or null. */
    static String contentType(List<Header> headers) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("content-type")) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * The media type alone, lower case: parameters are dropped because servers vary their
     * spelling ({@code charset=utf-8}, {@code charset=UTF-8}, none) without changing what a
     * client parses.
     */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return NO_CONTENT_TYPE;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return NO_CONTENT_TYPE;
        }
        return type.length() > MAX_MEDIA_TYPE_LENGTH ? type.substring(0, MAX_MEDIA_TYPE_LENGTH) : type;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException notJson) {
            // Includes Jackson's stream constraints (nesting depth, number length): such a body is not learned.
            return null;
        }
    }
}
