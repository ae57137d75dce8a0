package io.shadowgate.capture;

import static io.shadowgate.capture.Captures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.Request;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarding through the capture proxy, on loopback: what the client gets is what the upstream sent. */
class CaptureProxyTest {

    @TempDir
    Path tmp;

    private final HttpClient client = Captures.client();

    @Test
    void aGetAndAJsonPostReturnWhatTheUpstreamReturnsAndAreRecorded() throws Exception {
        Path out = tmp.resolve("capture.jsonl");
        String json = "{\"id\":\"r-1\",\"features\":[0.5,1.5,2.5]}";
        try (SimulatedServer sim = SimulatedServer.start(Captures.INSTANT, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Captures.upstreamOf(sim.address()), out))) {
            for (URI base : List.of(sim.address(), proxy.uri())) {
                HttpResponse<String> get = client.send(HttpRequest.newBuilder(base.resolve("/healthz?verbose=1")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> post = client.send(HttpRequest.newBuilder(base.resolve("/v1/predict"))
                        .header("Content-Type", "application/json").header("X-Request-Id", "abc")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(get.statusCode()).isEqualTo(200);
                assertThat(get.headers().firstValue("X-Model-Version")).hasValue("2.4.1");
                assertThat(post.statusCode()).isEqualTo(200);
                assertThat(post.headers().firstValue("X-Model-Version")).hasValue("2.4.1");
                assertThat(post.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(post.body()).contains("\"requestId\":\"r-1\"");
                if (base.equals(sim.address())) {
                    continue;
                }
                // The second time round is through the proxy: the same answers as the first.
                HttpResponse<String> directPost = client.send(HttpRequest.newBuilder(sim.address().resolve("/v1/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(post.body()).isEqualTo(directPost.body());
            }
            assertThat(proxy.stop().recorded()).isEqualTo(2);
        }

        List<Request> records = Captures.read(out);
        assertThat(records).hasSize(2);
        Request get = records.get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/healthz?verbose=1");
        assertThat(get.endpoint()).isEqualTo("GET /healthz");
        assertThat(get.recorded().status()).isEqualTo(200);
        assertThat(new String(get.recorded().body(), StandardCharsets.UTF_8)).contains("\"status\":\"ok\"");
        assertThat(header(get.recorded().headers(), "X-Model-Version")).isEqualTo("2.4.1");
        Request post = records.get(1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/v1/predict");
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(header(post.headers(), "X-Request-Id")).isEqualTo("abc");
        assertThat(header(post.headers(), "Content-Type")).isEqualTo("application/json");
        assertThat(header(post.headers(), "Content-Length")).as("framing is not recorded").isNull();
        assertThat(new String(post.recorded().body(), StandardCharsets.UTF_8)).contains("\"requestId\":\"r-1\"");
        assertThat(post.recorded().latencyMicros()).isPositive();
        assertThat(post.offsetMicros()).isGreaterThanOrEqualTo(get.offsetMicros());
    }

    @Test
    void severalRequestsShareOneClientConnectionAndPipelinedOnesComeBackInOrder() throws Exception {
        try (SimulatedServer sim = SimulatedServer.start(Captures.INSTANT, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Captures.upstreamOf(sim.address()),
                     tmp.resolve("c.jsonl")));
             Socket socket = new Socket("127.0.0.1", proxy.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(RawHttp.get("/healthz", "proxy"));
                out.flush();
                RawHttp.Response r = RawHttp.read(in);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Connection")).isNull();
            }
            // Three at once: HTTP/1.1 pipelining, answered in request order.
            out.write(RawHttp.get("/healthz", "proxy"));
            out.write(RawHttp.get("/nope", "proxy"));
            out.write(RawHttp.get("/healthz", "proxy"));
            out.flush();
            assertThat(List.of(RawHttp.read(in).status(), RawHttp.read(in).status(), RawHttp.read(in).status()))
                    .containsExactly(200, 404, 200);
            assertThat(proxy.stop().recorded()).isEqualTo(6);
        }
    }

    @Test
    void aConnectionCloseRequestIsAnsweredThenClosed() throws Exception {
        try (SimulatedServer sim = SimulatedServer.start(Captures.INSTANT, "127.0.0.1", 0, 1);
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(Captures.upstreamOf(sim.address()),
                     tmp.resolve("c.jsonl")));
             Socket socket = new Socket("127.0.0.1", proxy.address().getPort())) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = RawHttp.read(socket.getInputStream());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void aChunkedResponseStaysChunkedAndArrivesWhole() throws Exception {
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), tmp.resolve("c.jsonl")))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/chunked")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            assertThat(r.body()).startsWith("part-0\n").endsWith("part-9\n").hasLineCount(10);
            assertThat(upstream.seen("/chunked", "Host")).isEqualTo(upstream.upstream().authority());
        }
    }

    @Test
    void anUnreachableUpstreamIsA502AndNothingIsRecorded() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path out = tmp.resolve("c.jsonl");
        try (CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(new Upstream("127.0.0.1", closedPort), out))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/v1/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).startsWith("shadowgate capture: upstream http://127.0.0.1:" + closedPort
                    + " unreachable: Connection refused");
            CaptureStats stats = proxy.stop();
            assertThat(stats.exchanges()).isEqualTo(1);
            assertThat(stats.incomplete()).isEqualTo(1);
            assertThat(stats.recorded()).isZero();
        }
        assertThat(Captures.read(out)).isEmpty();
    }

    @Test
    void closingLetsAnExchangeInFlightFinishAndWritesTheTrailer() throws Exception {
        Path out = tmp.resolve("c.jsonl.gz");
        try (TestUpstream upstream = TestUpstream.start();
             CaptureProxy proxy = CaptureProxy.start(CaptureOptions.of(upstream.upstream(), out))) {
            var pending = client.sendAsync(HttpRequest.newBuilder(proxy.uri().resolve("/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            while (proxy.stats().exchanges() == 0) {
                Thread.sleep(5);
            }
            CaptureStats stats = proxy.stop();

            HttpResponse<String> r = pending.join();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("slow");
            assertThat(r.headers().firstValue("Connection")).hasValue("close");
            assertThat(stats.recorded()).isEqualTo(1);
            assertThat(stats.files()).containsExactly(out);
        }
        assertThat(Captures.read(out)).extracting(Request::path).containsExactly("/slow");
    }
}
