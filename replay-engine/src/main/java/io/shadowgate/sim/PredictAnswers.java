package io.shadowgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.shadowgate.scenario.ResponseVariation;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSON answer of {@code POST /v1/predict} for one valid request, varied as a
 * {@link ResponseVariation} says: which weights score it, how the score is shifted, whether the
 * label is flipped, and how the fields are named, typed and left out. Immutable and safe to
 * share between event loops: the only sources of change are the clock and
 * {@link ThreadLocalRandom}, both of which are thread-safe, and they are read only when the
 * variation asks for nondeterministic fields.
 *
 * <p>Fields are always written in the order of {@link ResponseVariation#answerFields}, a renamed
 * field in its original place, so two answers to the same request are byte-identical unless
 * {@code servedAt} and {@code traceId} are on.
 */
final class PredictAnswers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String version;
    private final ModelWeights weights;
    private final ResponseVariation variation;
    private final List<String> fields;
    private final Clock clock;

    /**
     * @param version   the served model version, reported as {@code modelVersion}
     * @param variation how answers differ from the plain ones
     * @param clock     source of {@code servedAt}
     */
    PredictAnswers(String version, ResponseVariation variation, Clock clock) {
        this.version = Objects.requireNonNull(version, "version");
        this.variation = Objects.requireNonNull(variation, "variation");
        this.clock = Objects.requireNonNull(clock, "clock");
        // weightsOf re-serves another version's model under this version's name: a rollback
        // to a model that is in fact identical, which comparison should find indistinguishable.
        this.weights = new ModelWeights(variation.weightsOf() != null ? variation.weightsOf() : version);
        this.fields = ResponseVariation.answerFields(variation.nondeterministic());
    }

    /** The answer for a request with this id and these (finite) features. */
    ObjectNode answer(String requestId, double[] features) {
        double score = score(features);
        String label = ModelWeights.label(score);
        if (variation.flipLabels() != null && variation.flipLabels().applies(features)) {
            // The score is left alone on purpose: the label now contradicts it, as a broken
            // decision layer would, and only label comparison can catch it.
            label = ModelWeights.POSITIVE.equals(label) ? ModelWeights.NEGATIVE : ModelWeights.POSITIVE;
        }
        ObjectNode out = NODES.objectNode();
        for (String field : fields) {
            if (variation.dropFields().contains(field)) {
                continue;
            }
            JsonNode value = value(field, requestId, label, score);
            if (variation.stringFields().contains(field)) {
                // The same digits the number would have had, so only the type differs.
                value = TextNode.valueOf(value.asText());
            }
            out.set(variation.renameFields().getOrDefault(field, field), value);
        }
        return out;
    }

    /** The model's score, shifted and clamped; the label follows from it as for a plain answer. */
    private double score(double[] features) {
        double score = weights.score(features);
        if (variation.scoreShift() == 0) {
            return score;
        }
        // Rounded again so that 0.123456 + 0.004 prints as 0.127456, not 0.12745600000000001.
        return ModelWeights.roundScore(Math.min(1, Math.max(0, score + variation.scoreShift())));
    }

    private JsonNode value(String field, String requestId, String label, double score) {
        return switch (field) {
            case "requestId" -> TextNode.valueOf(requestId);
            case "modelVersion" -> TextNode.valueOf(version);
            case "label" -> TextNode.valueOf(label);
            case "score" -> DoubleNode.valueOf(score);
            case "servedAt" -> TextNode.valueOf(clock.instant().toString());
            case "traceId" -> TextNode.valueOf(randomUuid().toString());
            default -> throw new IllegalStateException("no value for predict field " + field);
        };
    }

    /** A version-4 UUID; ThreadLocalRandom avoids the lock and entropy cost of UUID.randomUUID(). */
    private static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
