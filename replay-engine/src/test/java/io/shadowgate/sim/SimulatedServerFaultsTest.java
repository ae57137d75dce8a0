package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fault kinds and the concurrency limit of a simulated server, seen by a real HTTP client on loopback. */
class SimulatedServerFaultsTest {

    private static final String BODY = "{\"id\":\"req-1\",\"features\":[0.5,1.5]}";

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static SimulatedServer start(LatencyProfile latency, FaultSpec... faults) {
        return SimulatedServer.start(new SimulatedProfile("v1", latency, 0, 503, List.of(faults)), "127.0.0.1", 0, 1L);
    }

    private static FaultSpec fault(FaultKind kind, long atMs, long forMs, long addMs, double fraction, int status) {
        return new FaultSpec(kind, Duration.ofMillis(atMs), Duration.ofMillis(forMs), Duration.ofMillis(addMs),
                fraction, status);
    }

    private static HttpRequest predict(SimulatedServer server, Duration timeout) {
        return HttpRequest.newBuilder(server.address().resolve("/v1/predict"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .timeout(timeout)
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, SimulatedServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.address().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void anErrorBurstFailsAboutItsShareAndSparesHealthChecks() throws Exception {
        HttpClient client = client();
        try (SimulatedServer server = start(LatencyProfile.INSTANT, fault(FaultKind.ERRORS, 0, 60_000, 0, 0.5, 502))) {
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> r = client.send(predict(server, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isIn(200, 502);
                if (r.statusCode() == 502) {
                    failed++;
                    assertThat(r.body()).contains("injected error");
                }
            }
            assertThat(failed).isBetween(8, 32);
            assertThat(get(client, server, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aResetIsAConnectionErrorAndOnlyInsideItsWindow() throws Exception {
        HttpClient client = client();
        try (SimulatedServer server = start(LatencyProfile.INSTANT, fault(FaultKind.RESET, 0, 1_000, 0, 1, 0))) {
            long origin = System.nanoTime();
            server.anchorFaults(origin);
            Throwable failure = catchThrowable(() -> client.send(predict(server, Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(2_000);
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                // A reset, not an orderly close (which would read as -1, the end of the stream).
                assertThat(catchThrowable(() -> socket.getInputStream().read()))
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
            }

            Thread.sleep(Math.max(0, 1_050 - millisSince(origin)));
            assertThat(client.send(predict(server, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHungRequestTimesOutAndHoldsBackWhatIsPipelinedBehindIt() throws Exception {
        HttpClient client = client();
        try (SimulatedServer server = start(LatencyProfile.INSTANT, fault(FaultKind.HANG, 0, 1_000, 0, 1, 0))) {
            long origin = System.nanoTime();
            server.anchorFaults(origin);
            Throwable failure = catchThrowable(() -> client.send(predict(server, Duration.ofMillis(200)),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(failure).isInstanceOf(HttpTimeoutException.class);

            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(200);
                socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                assertThat(catchThrowable(in::read)).as("nothing answered").isInstanceOf(SocketTimeoutException.class);
            }

            // Closed connections took their hung requests with them; once the window is over all is well.
            Thread.sleep(Math.max(0, 1_050 - millisSince(origin)));
            assertThat(get(client, server, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSlowBodyArrivesAfterItsHeadersSpreadOverAdd() throws Exception {
        HttpClient client = client();
        try (SimulatedServer server = start(LatencyProfile.INSTANT, fault(FaultKind.SLOW_BODY, 0, 5_000, 400, 1, 0))) {
            String expected = new String(new ModelApi("v1").respond("POST", "/v1/predict", null,
                    BODY.getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8);
            long sent = System.nanoTime();
            HttpResponse<InputStream> r = client.send(predict(server, Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofInputStream());
            long headersMs = millisSince(sent);
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long bodyMs = millisSince(sent);

            assertThat(r.statusCode()).isEqualTo(200);
            // Pieces leave 100, 200, 300 and 400 ms after the headers.
            assertThat(bodyMs).as("whole body").isGreaterThanOrEqualTo(400);
            assertThat(bodyMs - headersMs).as("body after the headers").isGreaterThanOrEqualTo(250);
            assertThat(body).isEqualTo(expected);
        }
    }

    @Test
    void twoSlotsServeTenSimultaneousRequestsInFiveWaves() throws Exception {
        HttpClient client = client();
        SimulatedProfile profile = new SimulatedProfile("v1", new LatencyProfile(50, 0, 0, 0), 0, 503, List.of())
                .withConcurrency(2);
        // Two event loops: the slots are shared across them.
        try (SimulatedServer server = SimulatedServer.start(profile, "127.0.0.1", 0, 1L, 2)) {
            long start = System.nanoTime();
            List<CompletableFuture<Long>> finished = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                finished.add(client.sendAsync(predict(server, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> {
                            assertThat(r.statusCode()).isEqualTo(200);
                            return millisSince(start);
                        }));
            }
            long[] ms = new long[10];
            for (int i = 0; i < 10; i++) {
                ms[i] = finished.get(i).get();
            }
            Arrays.sort(ms);
            // Two slots complete at most two requests per 50 ms however the arrivals spread: the
            // i-th answer cannot come before wave i/2 + 1 has been served.
            for (int i = 0; i < 10; i++) {
                assertThat(ms[i]).as("answer %d of %s", i, Arrays.toString(ms)).isGreaterThanOrEqualTo(50L * (i / 2 + 1) - 1);
            }
            assertThat(ms[9]).as("all answered").isLessThan(3_000);
        }
    }
}
