package io.shadowgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.scenario.ResponseVariation;
import io.shadowgate.scenario.ResponseVariation.LabelFlip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each {@link ResponseVariation} on the simulated API's predict answers, without sockets. */
class ModelApiVariationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"id\":\"r1\",\"features\":[0.5, 1.5, -2.0, 3.25]}";

    private static ResponseVariation variation(String weightsOf, double shift, LabelFlip flip,
                                               Map<String, String> renames, List<String> drops,
                                               List<String> strings, boolean nondeterministic) {
        return new ResponseVariation(weightsOf, shift, flip, renames, drops, strings, nondeterministic);
    }

    private static ResponseVariation shift(double shift) {
        return variation(null, shift, null, Map.of(), List.of(), List.of(), false);
    }

    private static ResponseVariation flip(int feature, double above) {
        return variation(null, 0, new LabelFlip(feature, above), Map.of(), List.of(), List.of(), false);
    }

    private static SimulatedResponse post(ModelApi api, String body) {
        return api.respond("POST", "/v1/predict", null, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(SimulatedResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(SimulatedResponse r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String features(double... x) {
        StringBuilder body = new StringBuilder("{\"id\":\"f\",\"features\":[");
        for (int i = 0; i < x.length; i++) {
            body.append(i == 0 ? "" : ",").append(x[i]);
        }
        return body.append("]}").toString();
    }

    @Test
    void thePlainAnswerHasExactlyTheFieldsTheVariationKnows() throws IOException {
        JsonNode body = json(post(new ModelApi("v7"), BODY));
        assertThat(body.fieldNames()).toIterable().containsExactlyElementsOf(ResponseVariation.PREDICT_FIELDS);
        JsonNode varied = json(post(new ModelApi("v7", variation(null, 0, null, Map.of(), List.of(), List.of(), true)),
                BODY));
        assertThat(varied.fieldNames()).toIterable().containsExactlyElementsOf(ResponseVariation.answerFields(true));
    }

    @Test
    void weightsOfAnotherVersionGiveItsScoresByteForByteUnderTheServedVersionName() {
        ModelApi reserved = new ModelApi("2.4.0", variation("2.3.1", 0, null, Map.of(), List.of(), List.of(), false));
        ModelApi original = new ModelApi("2.3.1");
        for (String body : List.of(BODY, features(), features(9, -9, 0.25), features(-1e6, 1e6))) {
            String expected = text(post(original, body)).replace("\"modelVersion\":\"2.3.1\"", "\"modelVersion\":\"2.4.0\"");
            assertThat(text(post(reserved, body))).as(body).isEqualTo(expected);
        }
        // And the plain 2.4.0 model does score differently, so the check above means something.
        assertThat(text(post(new ModelApi("2.4.0"), BODY))).isNotEqualTo(text(post(reserved, BODY)));
    }

    @Test
    void scoreShiftMovesEveryScoreByExactlyTheShiftOnTheSixDecimalGrid() throws IOException {
        ModelApi plain = new ModelApi("v7");
        ModelApi shifted = new ModelApi("v7", shift(0.004));
        for (String body : List.of(BODY, features(0.1, 0.2), features(-3, 2, 1, 0.5, 7))) {
            double before = json(post(plain, body)).get("score").asDouble();
            JsonNode after = json(post(shifted, body));
            assertThat(after.get("score").asDouble()).as(body).isCloseTo(before + 0.004, within(1e-12));
            // Printed with no binary noise: at most 6 decimals, as plain scores are.
            assertThat(after.get("score").asText()).as(body).matches("\\d\\.\\d{1,6}");
        }
    }

    @Test
    void scoreShiftIsClampedToTheUnitIntervalAndTheLabelFollowsTheShiftedScore() throws IOException {
        JsonNode up = json(post(new ModelApi("v7", shift(1)), BODY));
        assertThat(up.get("score").asDouble()).isEqualTo(1.0);
        assertThat(up.get("label").asText()).isEqualTo("positive");

        JsonNode down = json(post(new ModelApi("v7", shift(-1)), BODY));
        assertThat(down.get("score").asDouble()).isEqualTo(0.0);
        assertThat(down.get("label").asText()).isEqualTo("negative");
    }

    @Test
    void flipLabelsFlipsToTheOtherClassOnlyStrictlyAboveTheBoundAndLeavesTheScore() throws IOException {
        ModelApi plain = new ModelApi("v7");
        ModelApi flipping = new ModelApi("v7", flip(1, 0.8));
        // Rows: features, whether features[1] > 0.8.
        Object[][] rows = {
                {new double[] {0.3, 0.9}, true},        // inside the range
                {new double[] {-5, 100, 2}, true},      // far inside
                {new double[] {0.3, 0.8}, false},       // on the bound: not above it
                {new double[] {0.3, -0.9}, false},      // below
                {new double[] {0.3}, false},            // no feature 1 at all
                {new double[] {}, false},
        };
        for (Object[] row : rows) {
            String body = features((double[]) row[0]);
            JsonNode before = json(post(plain, body));
            JsonNode after = json(post(flipping, body));
            assertThat(after.get("score")).as(body).isEqualTo(before.get("score"));
            String expected = (boolean) row[1]
                    ? ("positive".equals(before.get("label").asText()) ? "negative" : "positive")
                    : before.get("label").asText();
            assertThat(after.get("label").asText()).as(body).isEqualTo(expected);
        }
    }

    @Test
    void renamedFieldsKeepTheirPlaceAndValue() throws IOException {
        ModelApi api = new ModelApi("v7",
                variation(null, 0, null, Map.of("score", "confidence", "label", "class"), List.of(), List.of(), false));
        JsonNode plain = json(post(new ModelApi("v7"), BODY));
        JsonNode renamed = json(post(api, BODY));
        assertThat(renamed.fieldNames()).toIterable().containsExactly("requestId", "modelVersion", "class", "confidence");
        assertThat(renamed.get("confidence")).isEqualTo(plain.get("score"));
        assertThat(renamed.get("class")).isEqualTo(plain.get("label"));
    }

    @Test
    void droppedFieldsAreLeftOut() throws IOException {
        ModelApi api = new ModelApi("v7",
                variation(null, 0, null, Map.of(), List.of("modelVersion", "requestId"), List.of(), false));
        assertThat(json(post(api, BODY)).fieldNames()).toIterable().containsExactly("label", "score");
    }

    @Test
    void stringFieldsSendTheSameDigitsAsText() throws IOException {
        ModelApi api = new ModelApi("v7", variation(null, 0, null, Map.of(), List.of(), List.of("score"), false));
        JsonNode plain = json(post(new ModelApi("v7"), BODY));
        JsonNode typed = json(post(api, BODY));
        assertThat(typed.get("score").isTextual()).isTrue();
        assertThat(typed.get("score").textValue()).isEqualTo(plain.get("score").asText());
        assertThat(text(post(api, BODY))).isEqualTo(
                text(post(new ModelApi("v7"), BODY)).replace(plain.get("score").asText(),
                        "\"" + plain.get("score").asText() + "\""));
    }

    @Test
    void listsNameFieldsBeforeRenaming() throws IOException {
        ModelApi api = new ModelApi("v7",
                variation(null, 0, null, Map.of("score", "confidence"), List.of(), List.of("score"), false));
        JsonNode body = json(post(api, BODY));
        assertThat(body.get("confidence").isTextual()).isTrue();
        assertThat(body.has("score")).isFalse();
    }

    @Test
    void nondeterministicFieldsDifferBetweenTwoAnswersToTheSameRequest() throws IOException {
        ModelApi api = new ModelApi("v7", variation(null, 0, null, Map.of(), List.of(), List.of(), true),
                new TickingClock(Instant.parse("2026-11-26T14:00:00Z"), Duration.ofMillis(3)));
        JsonNode first = json(post(api, BODY));
        JsonNode second = json(post(api, BODY));

        assertThat(first.get("servedAt").asText()).isEqualTo("2026-11-26T14:00:00Z");
        assertThat(second.get("servedAt").asText()).isEqualTo("2026-11-26T14:00:00.003Z");
        UUID trace = UUID.fromString(first.get("traceId").asText());
        assertThat(trace.version()).isEqualTo(4);
        assertThat(trace.variant()).isEqualTo(2);
        assertThat(second.get("traceId")).isNotEqualTo(first.get("traceId"));
        // Everything else is the deterministic answer.
        first.fieldNames().forEachRemaining(name -> {
            if (!ResponseVariation.NONDETERMINISTIC_FIELDS.contains(name)) {
                assertThat(second.get(name)).as(name).isEqualTo(first.get(name));
            }
        });
    }

    @Test
    void withTheSystemClockServedAtIsAnIsoInstantNearNow() throws IOException {
        ModelApi api = new ModelApi("v7", variation(null, 0, null, Map.of(), List.of(), List.of(), true));
        Instant before = Instant.now();
        Instant servedAt = Instant.parse(json(post(api, BODY)).get("servedAt").asText());
        assertThat(servedAt).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void withoutNondeterministicFieldsTwoAnswersAreByteIdentical() {
        ModelApi api = new ModelApi("v7", variation("v6", 0.25, new LabelFlip(0, 0), Map.of("score", "p"),
                List.of("requestId"), List.of("score"), false));
        assertThat(post(api, BODY).body()).isEqualTo(post(api, BODY).body());
    }

    @Test
    void healthChecksAndErrorsAreNeverVaried() throws IOException {
        ModelApi plain = new ModelApi("v7");
        ModelApi varied = new ModelApi("v7", variation("v1", 0.5, new LabelFlip(0, 0),
                Map.of("modelVersion", "version"), List.of("requestId"), List.of("score"), true));
        assertThat(text(varied.respond("GET", "/healthz", null, new byte[0])))
                .isEqualTo(text(plain.respond("GET", "/healthz", null, new byte[0])));
        assertThat(text(post(varied, "{\"features\":\"x\"}"))).isEqualTo(text(post(plain, "{\"features\":\"x\"}")));
        assertThat(text(varied.injectedError(503))).isEqualTo(text(plain.injectedError(503)));
        assertThat(varied.respond("GET", "/nope", null, new byte[0]).body())
                .isEqualTo(plain.respond("GET", "/nope", null, new byte[0]).body());
    }

    /** A clock that moves forward by a fixed step each time it is read. */
    private static final class TickingClock extends Clock {
        private Instant next;
        private final Duration step;

        TickingClock(Instant start, Duration step) {
            this.next = start;
            this.step = step;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the answers only read instants");
        }
    }
}
