package io.shadowgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.ResponseVariation;
import io.shadowgate.scenario.SimulatedProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated server end to end, over real sockets on loopback. */
class SimulatedServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final String BODY = "{\"id\":\"req-1\",\"features\":[0.5,1.5,-2.0,3.25]}";

    private static SimulatedProfile profile(String version, LatencyProfile latency, double errorRate,
                                            List<FaultSpec> faults) {
        return new SimulatedProfile(version, latency, errorRate, SimulatedProfile.DEFAULT_ERROR_STATUS, faults);
    }

    private static SimulatedProfile instant(String version) {
        return profile(version, LatencyProfile.INSTANT, 0, List.of());
    }

    private static SimulatedServer start(SimulatedProfile profile) {
        return SimulatedServer.start(profile, "127.0.0.1", 0, 1L);
    }

    private static HttpResponse<String> post(SimulatedServer server, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.address().resolve("/v1/predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(5))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(SimulatedServer server, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.address().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void predictReturnsTheDocumentedJsonAndHeaders() throws Exception {
        try (SimulatedServer server = start(instant("v2"))) {
            assertThat(server.address()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
            HttpResponse<String> r = post(server, BODY);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(r.headers().firstValue("x-model-version")).hasValue("v2");
            // As nginx and Apache do: clients meet the header they meet in production.
            assertThat(r.headers().firstValue("connection")).hasValue("keep-alive");
            assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().getBytes(StandardCharsets.UTF_8).length);
            JsonNode body = json(r);
            assertThat(body.get("requestId").asText()).isEqualTo("req-1");
            assertThat(body.get("modelVersion").asText()).isEqualTo("v2");
            double score = body.get("score").asDouble();
            assertThat(score).isBetween(0.0, 1.0);
            assertThat(body.get("label").asText()).isEqualTo(score >= 0.5 ? "positive" : "negative");
        }
    }

    @Test
    void requestIdHeaderIsUsedWhenTheBodyHasNone() throws Exception {
        try (SimulatedServer server = start(instant("v2"))) {
            HttpRequest request = HttpRequest.newBuilder(server.address().resolve("/v1/predict"))
                    .header("X-Request-Id", "from-header")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"features\":[1]}"))
                    .build();
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(json(r).get("requestId").asText()).isEqualTo("from-header");
        }
    }

    @Test
    void scoresAreDeterministicPerVersionAcrossServers() throws Exception {
        double a1;
        double a2;
        double b;
        try (SimulatedServer first = SimulatedServer.start(instant("model-a"), "127.0.0.1", 0, 1L)) {
            a1 = json(post(first, BODY)).get("score").asDouble();
            assertThat(json(post(first, BODY)).get("score").asDouble()).isEqualTo(a1);
        }
        try (SimulatedServer second = SimulatedServer.start(instant("model-a"), "127.0.0.1", 0, 99L);
             SimulatedServer other = SimulatedServer.start(instant("model-b"), "127.0.0.1", 0, 1L)) {
            a2 = json(post(second, BODY)).get("score").asDouble();
            b = json(post(other, BODY)).get("score").asDouble();
        }
        assertThat(a2).isEqualTo(a1);
        assertThat(b).isNotEqualTo(a1);
    }

    @Test
    void aResponseVariationShowsInRealAnswersButNotInHealthChecks() throws Exception {
        ResponseVariation variation = new ResponseVariation(null, 0, null, Map.of("score", "confidence"),
                List.of("modelVersion"), List.of("score"), true);
        SimulatedProfile varied = new SimulatedProfile("v2", LatencyProfile.INSTANT, 0,
                SimulatedProfile.DEFAULT_ERROR_STATUS, List.of(), variation);
        double plainScore;
        try (SimulatedServer plain = start(instant("v2"))) {
            plainScore = json(post(plain, BODY)).get("score").asDouble();
        }
        try (SimulatedServer server = start(varied)) {
            HttpResponse<String> first = post(server, BODY);
            HttpResponse<String> second = post(server, BODY);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("x-model-version")).hasValue("v2");
            assertThat(first.headers().firstValueAsLong("content-length"))
                    .hasValue(first.body().getBytes(StandardCharsets.UTF_8).length);
            JsonNode body = json(first);
            assertThat(body.fieldNames()).toIterable()
                    .containsExactly("requestId", "label", "confidence", "servedAt", "traceId");
            assertThat(body.get("confidence").isTextual()).isTrue();
            assertThat(Double.parseDouble(body.get("confidence").textValue())).isEqualTo(plainScore);
            assertThat(json(second).get("traceId")).isNotEqualTo(body.get("traceId"));

            assertThat(send(server, "GET", "/healthz").body()).isEqualTo("{\"status\":\"ok\",\"modelVersion\":\"v2\"}");
        }
    }

    @Test
    void healthz() throws Exception {
        try (SimulatedServer server = start(instant("v3"))) {
            HttpResponse<String> r = send(server, "GET", "/healthz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"modelVersion\":\"v3\"}");
            assertThat(r.headers().firstValue("content-length")).isPresent();
        }
    }

    @Test
    void errorsAre404405And400WithJson() throws Exception {
        try (SimulatedServer server = start(instant("v1"))) {
            HttpResponse<String> notFound = send(server, "GET", "/v2/predict");
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(json(notFound).get("error").asText()).contains("/v2/predict");

            HttpResponse<String> wrongMethod = send(server, "GET", "/v1/predict");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");

            HttpResponse<String> badJson = post(server, "{\"features\": [1, ");
            assertThat(badJson.statusCode()).isEqualTo(400);
            assertThat(json(badJson).get("error").asText()).contains("not valid JSON");

            HttpResponse<String> noFeatures = post(server, "{\"id\":\"x\"}");
            assertThat(noFeatures.statusCode()).isEqualTo(400);
            assertThat(noFeatures.headers().firstValue("content-length")).isPresent();
        }
    }

    @Test
    void everyResponseWaitsAtLeastTheMedianWhenSigmaIsZero() throws Exception {
        SimulatedProfile slow = profile("v1", new LatencyProfile(20, 0, 0, 0), 0, List.of());
        try (SimulatedServer server = start(slow)) {
            for (int i = 0; i < 6; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = i % 3 == 2 ? send(server, "GET", "/healthz") : post(server, BODY);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(ms).as("request %d took %d ms", i, ms).isBetween(20L, 1_000L);
            }
        }
    }

    @Test
    void errorRateOneFailsEveryPredictButNotHealth() throws Exception {
        try (SimulatedServer server = start(profile("v1", LatencyProfile.INSTANT, 1.0, List.of()))) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = post(server, BODY);
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(json(r).get("error").asText()).contains("injected");
            }
            assertThat(send(server, "GET", "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorRateZeroFailsNothing() throws Exception {
        try (SimulatedServer server = start(profile("v1", LatencyProfile.INSTANT, 0.0, List.of()))) {
            for (int i = 0; i < 20; i++) {
                assertThat(post(server, BODY).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aRequestDuringAStallIsAnsweredWhenTheStallEnds() throws Exception {
        FaultSpec stall = new FaultSpec(FaultKind.STALL, Duration.ZERO, Duration.ofMillis(400));
        long beforeStart = System.nanoTime();
        try (SimulatedServer server = start(profile("v1", LatencyProfile.INSTANT, 0, List.of(stall)))) {
            HttpResponse<String> during = post(server, BODY);
            long sinceStartMs = (System.nanoTime() - beforeStart) / 1_000_000;
            assertThat(during.statusCode()).isEqualTo(200);
            // The server started after beforeStart, so its window ends at least 400 ms after it.
            assertThat(sinceStartMs).isGreaterThanOrEqualTo(400);

            long t0 = System.nanoTime();
            assertThat(post(server, BODY).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("after the stall").isLessThan(200);
        }
    }

    @Test
    void concurrentClientsAllGetCorrectAnswers() throws Exception {
        SimulatedProfile jittery = profile("v1", new LatencyProfile(5, 0.8, 0, 0), 0, List.of());
        double expected = new ModelWeights("v1").score(new double[] {0.5, 1.5, -2.0, 3.25});
        try (SimulatedServer server = SimulatedServer.start(jittery, "127.0.0.1", 0, 3L, 4)) {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                HttpRequest request = HttpRequest.newBuilder(server.address().resolve("/v1/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(BODY.replace("req-1", "req-" + i)))
                        .timeout(Duration.ofSeconds(5))
                        .build();
                futures.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < futures.size(); i++) {
                JsonNode body = json(futures.get(i).get());
                assertThat(body.get("requestId").asText()).isEqualTo("req-" + i);
                assertThat(body.get("score").asDouble()).isEqualTo(expected);
            }
        }
    }

    @Test
    void pipelinedResponsesKeepRequestOrderAndConnectionCloseIsHonoured() throws Exception {
        // Wide jitter makes later requests often due first; the answers must still come in order.
        SimulatedProfile jittery = profile("v1", new LatencyProfile(10, 1.0, 0, 0), 0, List.of());
        try (SimulatedServer server = start(jittery);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                String body = "{\"id\":\"p" + i + "\",\"features\":[" + i + "]}";
                requests.append("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
                        .append(i == 4 ? "Connection: close\r\n" : "")
                        .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = readToEnd(socket.getInputStream()); // returns only because the server closes
            for (int i = 0; i < 5; i++) {
                assertThat(all).contains("\"p" + i + "\"");
                if (i > 0) {
                    assertThat(all.indexOf("\"p" + i + "\"")).isGreaterThan(all.indexOf("\"p" + (i - 1) + "\""));
                }
            }
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(6);
            assertThat(all).containsIgnoringCase("connection: close");
        }
    }

    @Test
    void malformedHttpGets400AndTheConnectionCloses() throws Exception {
        try (SimulatedServer server = start(instant("v1"));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("POST /v1/predict HTTP/1.1\r\nContent-Length: banana\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = readToEnd(socket.getInputStream());
            assertThat(all).startsWith("HTTP/1.1 400 Bad Request").contains("malformed HTTP request");
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
