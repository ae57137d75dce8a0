package io.shadowgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing, validation and JSON of the simulated API, without sockets. */
class ModelApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModelApi api = new ModelApi("v7");

    private SimulatedResponse post(String body, String header) {
        return api.respond("POST", "/v1/predict", header, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(SimulatedResponse r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void predictAnswersTheDocumentedFields() throws IOException {
        SimulatedResponse r = post("{\"id\":\"r1\",\"features\":[1, 2.5, -3]}", "ignored");
        JsonNode body = json(r);
        assertThat(r.status()).isEqualTo(200);
        assertThat(body.fieldNames()).toIterable().containsExactly("requestId", "modelVersion", "label", "score");
        assertThat(body.get("requestId").asText()).isEqualTo("r1");
        assertThat(body.get("modelVersion").asText()).isEqualTo("v7");
        double score = new ModelWeights("v7").score(new double[] {1, 2.5, -3});
        assertThat(body.get("score").asDouble()).isEqualTo(score);
        assertThat(body.get("label").asText()).isEqualTo(ModelWeights.label(score));
    }

    @Test
    void requestIdFallsBackToHeaderThenEmpty() throws IOException {
        assertThat(json(post("{\"features\":[]}", "h-9")).get("requestId").asText()).isEqualTo("h-9");
        assertThat(json(post("{\"id\":null,\"features\":[]}", null)).get("requestId").asText()).isEmpty();
    }

    @Test
    void badBodiesAre400WithAReason() throws IOException {
        String[][] cases = {
                {"", "body is empty"},
                {"{not json", "not valid JSON"},
                {"[1,2]", "JSON object"},
                {"{\"id\":\"a\"}", "features must be an array"},
                {"{\"features\":\"1,2\"}", "features must be an array"},
                {"{\"features\":[1,\"2\"]}", "features[1]"},
                {"{\"features\":[1e999]}", "features[0] must be a finite number"},
                {"{\"id\":5,\"features\":[1]}", "id must be a string"},
                {"{\"features\":[1]} {\"features\":[2]}", "not valid JSON"},
        };
        for (String[] c : cases) {
            SimulatedResponse r = post(c[0], null);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(json(r).get("error").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void routing() throws IOException {
        assertThat(api.respond("GET", "/healthz", null, new byte[0]).status()).isEqualTo(200);
        assertThat(json(api.respond("GET", "/healthz?verbose=1", null, new byte[0])).toString())
                .isEqualTo("{\"status\":\"ok\",\"modelVersion\":\"v7\"}");
        assertThat(api.respond("GET", "/nope", null, new byte[0]).status()).isEqualTo(404);
        SimulatedResponse wrongMethod = api.respond("GET", "/v1/predict", null, new byte[0]);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "POST");
        assertThat(api.respond("POST", "/healthz", null, new byte[0]).headers()).containsEntry("Allow", "GET");
        assertThat(api.isPredict("POST", "/v1/predict?x=1")).isTrue();
        assertThat(api.isPredict("GET", "/v1/predict")).isFalse();
        assertThat(api.isPredict("POST", "/healthz")).isFalse();
    }

    @Test
    void injectedErrorsAreJsonWithTheStatus() throws IOException {
        SimulatedResponse r = api.injectedError(503);
        assertThat(r.status()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).contains("injected");
    }
}
