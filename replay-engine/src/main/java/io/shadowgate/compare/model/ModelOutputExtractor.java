package io.shadowgate.compare.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a model's label and score out of a response body at the configured paths. Never
 * throws on what a server sent: a body that is not JSON, a missing field or a value of the
 * wrong kind comes back as a {@link FieldStatus}. Immutable and thread-safe.
 *
 * <p>Scores must be JSON numbers: a string such as {@code "0.93"} is {@link FieldStatus#INVALID},
 * because a server that starts quoting its numbers has changed its contract and should be
 * counted, not silently accepted. Labels may be strings, numbers or booleans.
 */
public final class ModelOutputExtractor {

    // Trailing tokens fail the parse: "{...}{...}" is not one JSON document.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ModelOutputPaths paths;

    public ModelOutputExtractor(ModelOutputPaths paths) {
        this.paths = paths;
    }

    public ModelOutputPaths paths() {
        return paths;
    }

    /** Parses {@code body} and reads it; an empty or non-JSON body gives {@link ModelOutput#NOT_JSON}. */
    public ModelOutput extract(byte[] body) {
        return extract(parse(body));
    }

    /** Reads an already parsed body; null (not JSON) gives {@link ModelOutput#NOT_JSON}. */
    public ModelOutput extract(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            return ModelOutput.NOT_JSON;
        }
        String label = null;
        FieldStatus labelStatus = FieldStatus.MISSING;
        double score = Double.NaN;
        FieldStatus scoreStatus = FieldStatus.MISSING;
        Map<String, Double> probabilities = Map.of();
        if (paths.probabilities() != null) {
            JsonNode node = paths.probabilities().find(root);
            scoreStatus = status(node);
            if (scoreStatus == FieldStatus.PRESENT) {
                probabilities = probabilities(node);
                scoreStatus = probabilities == null ? FieldStatus.INVALID : FieldStatus.PRESENT;
            }
            if (scoreStatus == FieldStatus.PRESENT) {
                String top = argmax(probabilities);
                score = probabilities.get(top);
                label = top;
                labelStatus = FieldStatus.PRESENT;
            } else {
                probabilities = Map.of();
                labelStatus = scoreStatus;
            }
        } else if (paths.score() != null) {
            JsonNode node = paths.score().find(root);
            scoreStatus = status(node);
            if (scoreStatus == FieldStatus.PRESENT) {
                if (node.isNumber() && Double.isFinite(node.doubleValue())) {
                    score = node.doubleValue();
                } else {
                    scoreStatus = FieldStatus.INVALID;
                }
            }
        }
        if (paths.label() != null) {
            JsonNode node = paths.label().find(root);
            labelStatus = status(node);
            label = labelStatus == FieldStatus.PRESENT ? labelText(node) : null;
            if (labelStatus == FieldStatus.PRESENT && label == null) {
                labelStatus = FieldStatus.INVALID;
            }
        }
        return new ModelOutput(true, label, labelStatus, score, scoreStatus, probabilities);
    }

    /** The parsed body, or null when it is empty or not one JSON document. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            // Includes Jackson's stream constraints (nesting, number length): such a body is not judged.
            return null;
        }
    }

    private static FieldStatus status(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? FieldStatus.MISSING : FieldStatus.PRESENT;
    }

    /** Text for a string, boolean or finite number (canonical, so 1 and 1.0 agree); null for anything else. */
    private static String labelText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNumber() && (node.isIntegralNumber() || Double.isFinite(node.doubleValue()))) {
            // toString, not toPlainString: "1e999999" must not expand to a million digits.
            return node.decimalValue().stripTrailingZeros().toString();
        }
        return null;
    }

    /** The map of a non-empty object whose values are all finite numbers, or null. */
    private static Map<String, Double> probabilities(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return null;
        }
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                return null;
            }
            out.put(e.getKey(), v.doubleValue());
        }
        return out;
    }

    /** The class with the highest probability; ties go to the smallest class name, so the answer is stable. */
    private static String argmax(Map<String, Double> probabilities) {
        String best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : probabilities.entrySet()) {
            double p = e.getValue();
            if (p > top || (p == top && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                top = p;
            }
        }
        return best;
    }
}
