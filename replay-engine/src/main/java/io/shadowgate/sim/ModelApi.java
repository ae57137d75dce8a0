package io.shadowgate.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shadowgate.scenario.ResponseVariation;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * The HTTP API of a simulated model server, as a pure function from request to response with
 * no sockets or timing: routing, body validation, scoring and the JSON of every answer.
 * Immutable and shared by all event loops. The one exception to purity is a
 * {@link ResponseVariation} with {@code nondeterministic: true}, whose predict answers carry the
 * current time and a random trace id (see {@link PredictAnswers}).
 *
 * <ul>
 *   <li>{@code POST /v1/predict} with {@code {"id": "...", "features": [numbers]}} answers
 *       {@code {"requestId", "modelVersion", "label", "score"}}; the request id is the body's
 *       {@code id}, else the {@code X-Request-Id} header, else "". The profile's
 *       {@link ResponseVariation} applies to these answers only.</li>
 *   <li>{@code GET /healthz} answers {@code {"status":"ok","modelVersion":...}}.</li>
 *   <li>Unknown path: 404; wrong method on a known path: 405 with {@code Allow}; a body that
 *       is not JSON or lacks numeric {@code features}: 400. Errors are {@code {"error": "..."}}.</li>
 * </ul>
 */
final class ModelApi {

    static final String PREDICT_PATH = "/v1/predict";
    static final String HEALTH_PATH = "/healthz";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String MODEL_VERSION_HEADER = "X-Model-Version";

    /** Trailing tokens fail so that two concatenated bodies are a 400, not a silent half-read. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String version;
    private final PredictAnswers answers;

    /** The plain API of {@code version}. */
    ModelApi(String version) {
        this(version, ResponseVariation.NONE);
    }

    /** The API of {@code version} with varied predict answers; {@code servedAt} reads the UTC clock. */
    ModelApi(String version, ResponseVariation variation) {
        this(version, variation, Clock.systemUTC());
    }

    ModelApi(String version, ResponseVariation variation, Clock clock) {
        this.version = version;
        this.answers = new PredictAnswers(version, variation == null ? ResponseVariation.NONE : variation, clock);
    }

    String version() {
        return version;
    }

    /** Whether this request reaches the model, and so may be failed by injected errors. */
    boolean isPredict(String method, String uri) {
        return "POST".equals(method) && PREDICT_PATH.equals(path(uri));
    }

    /** The answer to one request; {@code requestIdHeader} may be null. */
    SimulatedResponse respond(String method, String uri, String requestIdHeader, byte[] body) {
        String path = path(uri);
        if (PREDICT_PATH.equals(path)) {
            return "POST".equals(method) ? predict(requestIdHeader, body) : methodNotAllowed(method, path, "POST");
        }
        if (HEALTH_PATH.equals(path)) {
            return "GET".equals(method) ? health() : methodNotAllowed(method, path, "GET");
        }
        return error(404, "no such endpoint: " + path + " (try POST " + PREDICT_PATH + " or GET " + HEALTH_PATH + ")");
    }

    /** The answer when the behaviour profile fails a request on purpose. */
    SimulatedResponse injectedError(int status) {
        return error(status, "injected error: simulated model server " + version + " failed this request");
    }

    /** The answer to a request the HTTP decoder could not parse. */
    SimulatedResponse malformed(String reason) {
        return error(400, "malformed HTTP request: " + reason);
    }

    private SimulatedResponse predict(String requestIdHeader, byte[] body) {
        if (body.length == 0) {
            return error(400, "body is empty; expected {\"id\": \"r1\", \"features\": [0.5, 1.0]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return error(400, "body must be a JSON object like {\"id\": \"r1\", \"features\": [0.5, 1.0]}");
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            return error(400, "id must be a string (was " + id.getNodeType().name().toLowerCase() + ")");
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            return error(400, "features must be an array of numbers");
        }
        double[] x = new double[features.size()];
        for (int i = 0; i < x.length; i++) {
            JsonNode value = features.get(i);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                return error(400, "features[" + i + "] must be a finite number (was " + value + ")");
            }
            x[i] = value.doubleValue();
        }
        String requestId = id != null && id.isTextual() ? id.textValue()
                : requestIdHeader != null ? requestIdHeader : "";
        return json(200, answers.answer(requestId, x), Map.of());
    }

    private SimulatedResponse health() {
        ObjectNode out = JSON.createObjectNode();
        out.put("status", "ok");
        out.put("modelVersion", version);
        return json(200, out, Map.of());
    }

    private SimulatedResponse methodNotAllowed(String method, String path, String allowed) {
        ObjectNode out = JSON.createObjectNode();
        out.put("error", method + " is not allowed on " + path + "; use " + allowed);
        return json(405, out, Map.of("Allow", allowed));
    }

    private static SimulatedResponse error(int status, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("error", message);
        return json(status, out, Map.of());
    }

    private static SimulatedResponse json(int status, ObjectNode node, Map<String, String> headers) {
        try {
            return new SimulatedResponse(status, JSON.writeValueAsBytes(node), headers);
        } catch (JsonProcessingException e) {
            // An ObjectNode of strings and numbers always serializes; reaching here is a bug.
            throw new IllegalStateException("cannot serialize response JSON", e);
        }
    }

    private static String path(String uri) {
        return new QueryStringDecoder(uri).path();
    }

    /** Jackson messages carry a source excerpt on later lines; the first line says what broke. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
