package io.shadowgate.capture;

import static io.shadowgate.capture.Captures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.Redactor;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the capture proxy writes: redacted, sampled, truncated, in arrival order, rotated. */
class CaptureRecordingTest {

    @TempDir
    Path tmp;

    private final HttpClient client = Captures.client();

    private HttpResponse<String> login(CaptureProxy proxy) throws Exception {
        return client.send(HttpRequest.newBuilder(proxy.uri().resolve("/login"))
                .header("Authorization", "Bearer s3cret").header("Cookie", "sid=42").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void credentialsAreRedactedInTheFileButNotOnTheWire() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), out))) {
            HttpResponse<String> r = login(proxy);

            assertThat(r.headers().firstValue("Set-Cookie")).hasValue("session=abc123; HttpOnly");
            assertThat(upstream.seen("/login", "Authorization")).isEqualTo("Bearer s3cret");
            assertThat(upstream.seen("/login", "Cookie")).isEqualTo("sid=42");
        }
        try (TrafficFileReader reader = TrafficFileReader.open(out, false)) {
            assertThat(reader.header().redaction().applied()).isTrue();
            assertThat(reader.header().source()).startsWith("capture:http://127.0.0.1:");
        }
        Request login = Captures.read(out).get(0);
        assertThat(header(login.headers(), "Authorization")).isEqualTo("[REDACTED]");
        assertThat(header(login.headers(), "Cookie")).isEqualTo("[REDACTED]");
        assertThat(header(login.recorded().headers(), "Set-Cookie")).isEqualTo("[REDACTED]");
    }

    @Test
    void withoutRedactionTheCredentialsAreKept() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), out)
                     .withRedactor(Redactor.none()))) {
            login(proxy);
        }
        Request login = Captures.read(out).get(0);
        assertThat(header(login.headers(), "Authorization")).isEqualTo("Bearer s3cret");
        assertThat(header(login.headers(), "Cookie")).isEqualTo("sid=42");
        assertThat(header(login.recorded().headers(), "Set-Cookie")).isEqualTo("session=abc123; HttpOnly");
    }

    @Test
    void samplingNothingForwardsEverythingAndRecordsNothing() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        try (SimulatedServer sim = SimulatedServer.start(Captures.INSTANT, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Captures.upstreamOf(sim.address()), out)
                     .withSample(0, 7))) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.send(HttpRequest.newBuilder(proxy.uri().resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            CaptureStats stats = proxy.stop();
            assertThat(stats.exchanges()).isEqualTo(20);
            assertThat(stats.notSampled()).isEqualTo(20);
        }
        assertThat(Captures.read(out)).isEmpty();
    }

    @Test
    void aLargeStreamedBodyPassesIntactWhileItsRecordIsTruncatedAndMarked() throws Exception {
        byte[] body = new byte[5 << 20];
        new Random(3).nextBytes(body);
        Path out = tmp.resolve("c.jsonl");
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), out).withMaxBodyBytes(64 << 10))) {
            // From a stream, so the JDK client sends it chunked, and the echo comes back chunked.
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Arrays.equals(r.body(), body)).as("the echo is byte for byte the body sent").isTrue();
        }
        Request echo = Captures.read(out).get(0);
        assertThat(echo.body()).isEqualTo(Arrays.copyOf(body, 64 << 10));
        assertThat(header(echo.headers(), "X-Shadowgate-Truncated")).isEqualTo("request-body");
        assertThat(header(echo.headers(), "Transfer-Encoding")).isNull();
        assertThat(echo.recorded().body()).hasSize(64 << 10);
        assertThat(header(echo.recorded().headers(), "X-Shadowgate-Truncated")).isEqualTo("response-body");
    }

    @Test
    void concurrentClientsGiveOneValidFileInArrivalOrder() throws Exception {
        // A wide latency spread, so exchanges finish in a different order than they arrived.
        SimulatedProfile spread = new SimulatedProfile("1.0", new LatencyProfile(2, 1.0, 0, 0), 0, 503, List.of());
        Path out = tmp.resolve("c.jsonl.gz");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (SimulatedServer sim = SimulatedServer.start(spread, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Captures.upstreamOf(sim.address()), out))) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(clients.submit(() -> {
                    HttpClient own = Captures.client();
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        URI uri = proxy.uri().resolve("/v1/predict?t=" + thread + "&i=" + i);
                        HttpResponse<String> r = own.send(HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"features\":[" + i + "]}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        ok += r.statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(50);
            }
            assertThat(proxy.stop().recorded()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
        List<Request> records = Captures.read(out);
        assertThat(records).hasSize(200);
        assertThat(records).extracting(Request::offsetMicros).isSorted();
        assertThat(records).extracting(Request::id).containsExactlyElementsOf(
                LongStream.range(0, 200).boxed().toList());
    }

    @Test
    void rotationWritesSeveralCompleteFiles() throws Exception {
        Path out = tmp.resolve("capture.jsonl");
        byte[] body = "x".repeat(16 << 10).getBytes(StandardCharsets.US_ASCII);
        List<Path> files;
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), out).withRotateBytes(128 << 10))) {
            for (int i = 0; i < 40; i++) {
                client.send(HttpRequest.newBuilder(proxy.uri().resolve("/echo?i=" + i))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            }
            files = proxy.stop().files();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        assertThat(files.get(0)).isEqualTo(out);
        assertThat(files.get(1)).isEqualTo(tmp.resolve("capture-0001.jsonl"));
        List<String> paths = new ArrayList<>();
        for (Path f : files) {
            List<Request> records = Captures.read(f);
            assertThat(records).isNotEmpty();
            assertThat(records.get(0).id()).isZero();
            records.forEach(r -> paths.add(r.path()));
        }
        assertThat(paths).hasSize(40).startsWith("/echo?i=0").endsWith("/echo?i=39");
    }
}
