package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shadowgate.capture.Upstream;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fault proxy in front of a real (simulated) upstream, seen by a real HTTP client on loopback. */
class FaultProxyTest {

    /** No id in the body: the upstream answers with the X-Request-Id header's, which proves headers pass. */
    private static final String BODY = "{\"features\":[0.5,1.5,-2.0]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private static SimulatedServer upstream() {
        return SimulatedServer.start(new SimulatedProfile("4.2", LatencyProfile.INSTANT, 0, 503, List.of()),
                "127.0.0.1", 0, 1L);
    }

    private FaultProxy proxy(SimulatedServer upstream, FaultSpec... faults) {
        return proxy(upstream, null, faults);
    }

    private FaultProxy proxy(SimulatedServer upstream, Instant startAt, FaultSpec... faults) {
        return FaultProxy.start(new FaultProxyOptions("127.0.0.1", 0, Upstream.parse(upstream.address().toString()),
                List.of(faults), 1L, startAt), events::add);
    }

    private static FaultSpec fault(FaultKind kind, long atMs, long forMs, long addMs, double fraction, int status) {
        return new FaultSpec(kind, Duration.ofMillis(atMs), Duration.ofMillis(forMs), Duration.ofMillis(addMs),
                fraction, status);
    }

    private static HttpRequest predict(URI base, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve("/v1/predict"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "through-the-proxy")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .timeout(timeout)
                .build();
    }

    private HttpResponse<String> send(URI base) throws Exception {
        return client.send(predict(base, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void answersPassUnchangedBeforeAndAfterTheWindowAndTheFaultAppliesInside() throws Exception {
        try (SimulatedServer upstream = upstream()) {
            HttpResponse<String> direct = send(upstream.address());
            // Fault times count from this wall-clock instant, whenever the proxy gets to listen.
            long origin = System.currentTimeMillis();
            try (FaultProxy proxy = proxy(upstream, Instant.ofEpochMilli(origin),
                    fault(FaultKind.ERRORS, 1_200, 800, 0, 1, 502))) {
                HttpResponse<String> before = send(proxy.uri());
                assertThat(System.currentTimeMillis() - origin).as("answered before the window").isLessThan(1_200);
                assertThat(before.statusCode()).isEqualTo(200);
                assertThat(before.body()).isEqualTo(direct.body()).contains("through-the-proxy");
                assertThat(before.headers().firstValue("X-Model-Version")).hasValue("4.2");
                assertThat(before.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
                assertThat(before.headers().firstValue(FaultProxy.FAULT_HEADER)).isEmpty();

                Thread.sleep(Math.max(0, 1_300 - (System.currentTimeMillis() - origin)));
                HttpResponse<String> inside = send(proxy.uri());
                assertThat(inside.statusCode()).isEqualTo(502);
                assertThat(inside.headers().firstValue(FaultProxy.FAULT_HEADER)).hasValue("errors");
                assertThat(inside.body()).contains("injected error");
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as("health checks are spared").isEqualTo(200);

                Thread.sleep(Math.max(0, 2_100 - (System.currentTimeMillis() - origin)));
                HttpResponse<String> after = send(proxy.uri());
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(direct.body());
            }
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("fault 1/1 started: errors at 1200ms for 800ms: every request answered 502");
        assertThat(events.get(1)).contains("fault 1/1 ended: errors");
    }

    @Test
    void anErrorBurstHitsAboutItsShare() throws Exception {
        try (SimulatedServer upstream = upstream();
             FaultProxy proxy = proxy(upstream, fault(FaultKind.ERRORS, 0, 60_000, 0, 0.5, 503))) {
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                int status = send(proxy.uri()).statusCode();
                assertThat(status).isIn(200, 503);
                failed += status == 503 ? 1 : 0;
            }
            assertThat(failed).isBetween(8, 32);
        }
    }

    @Test
    void aResetIsAConnectionError() throws Exception {
        try (SimulatedServer upstream = upstream();
             FaultProxy proxy = proxy(upstream, fault(FaultKind.RESET, 0, 60_000, 0, 1, 0))) {
            Throwable failure = catchThrowable(() -> send(proxy.uri()));
            assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);

            try (Socket socket = new Socket("127.0.0.1", proxy.address().getPort())) {
                socket.setSoTimeout(2_000);
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(catchThrowable(() -> socket.getInputStream().read()))
                        .isInstanceOf(SocketException.class).hasMessageContaining("reset");
            }
        }
    }

    @Test
    void aHungRequestTimesOut() throws Exception {
        try (SimulatedServer upstream = upstream();
             FaultProxy proxy = proxy(upstream, fault(FaultKind.HANG, 0, 60_000, 0, 1, 0))) {
            Throwable failure = catchThrowable(() -> client.send(predict(proxy.uri(), Duration.ofMillis(200)),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(failure).isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void slowDelaysTheAnswerAndSlowBodySpreadsItsBody() throws Exception {
        try (SimulatedServer upstream = upstream();
             FaultProxy proxy = proxy(upstream, fault(FaultKind.SLOW, 0, 60_000, 250, 1, 0),
                     fault(FaultKind.SLOW_BODY, 0, 60_000, 400, 1, 0))) {
            String expected = send(upstream.address()).body();
            long sent = System.nanoTime();
            HttpResponse<InputStream> r = client.send(predict(proxy.uri(), Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofInputStream());
            long headersMs = millisSince(sent);
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long bodyMs = millisSince(sent);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(headersMs).as("headers after the slowdown").isGreaterThanOrEqualTo(250);
            assertThat(bodyMs).as("whole body after slowdown and trickle").isGreaterThanOrEqualTo(650);
            assertThat(bodyMs - headersMs).as("body after the headers").isGreaterThanOrEqualTo(250);
            assertThat(body).isEqualTo(expected);
        }
    }

    @Test
    void aStallHoldsAnswersUntilItEnds() throws Exception {
        try (SimulatedServer upstream = upstream()) {
            long started = System.nanoTime();
            try (FaultProxy proxy = proxy(upstream, new FaultSpec(FaultKind.STALL, Duration.ZERO, Duration.ofMillis(500)))) {
                assertThat(send(proxy.uri()).statusCode()).isEqualTo(200);
                assertThat(millisSince(started)).as("held until the stall ended").isGreaterThanOrEqualTo(500);

                long sent = System.nanoTime();
                assertThat(send(proxy.uri()).statusCode()).isEqualTo(200);
                assertThat(millisSince(sent)).as("after the stall").isLessThan(300);
            }
        }
    }
}
