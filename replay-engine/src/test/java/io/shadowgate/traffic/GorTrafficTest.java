package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GoReplay importer: the real capture in shared/corpus, then small files built here, one case each. */
class GorTrafficTest {

    /** From Maven's working directory (the module), the corpus sits beside the repository. */
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "datadog-ecommerce-requests_0.gor");
    private static final String SEPARATOR = "\n🐵🙈🙉\n";
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    @TempDir
    Path tmp;

    @Test
    void theRealCaptureIsImportedInOrderWithBodiesAndWithoutHopByHopHeaders() throws IOException {
        assertThat(CORPUS).exists();
        List<Request> requests;
        GorTraffic.Counts counts;
        try (GorTraffic traffic = GorTraffic.open(CORPUS)) {
            requests = drain(traffic);
            counts = traffic.counts();
        }

        assertThat(requests).hasSize(101);
        assertThat(counts).isEqualTo(new GorTraffic.Counts(101, 101, 0, 0, 0, 0, 0));
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).path()).isEqualTo("/");
        assertThat(requests.get(0).offsetMicros()).isZero();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            assertThat(r.id()).isEqualTo(i);
            assertThat(r.offsetMicros()).isGreaterThanOrEqualTo(i == 0 ? 0 : requests.get(i - 1).offsetMicros());
            assertThat(r.recorded()).isNull();
            assertThat(r.sessionKey()).isNull();
            assertThat(r.headers()).extracting(Header::name).doesNotContain("Host", "Connection", "Content-Length")
                    .contains("Cookie", "User-Agent");
            assertThat(r.headers()).allSatisfy(h -> assertThat(h.value()).doesNotContain("\r", "\n"));
        }
        // 1568140265001506000 - 1568139746437296000 ns between the first and last header lines.
        assertThat(requests.get(100).offsetMicros()).isEqualTo(518_564_210L);
        assertThat(requests).extracting(Request::path).contains("/products?utf8=%E2%9C%93&taxon=&keywords=t+shirt");

        List<Request> posts = requests.stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).extracting(r -> r.body().length).containsExactly(45, 44);
        assertThat(posts).extracting(Request::endpoint).containsOnly("POST /api/v2/storefront/cart/add_item");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(posts.get(0).body()).get("variant_id").asText()).isEqualTo("11");
        assertThat(json.readTree(posts.get(1).body()).get("quantity").asInt()).isEqualTo(1);
        assertThat(requests).filteredOn(r -> r.method().equals("GET")).allSatisfy(r -> assertThat(r.body()).isEmpty());
    }

    /** Three requests and two responses; b's response comes first, a's after another request. */
    private static List<String> pairedRecords() {
        return List.of(
                "2 bbb " + (T0 + 500_000_000) + " 400000000\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: keep-alive\r\nX-R: b\r\n\r\nok",
                "1 aaa " + T0 + " -1\nGET /a HTTP/1.1\r\nHost: shop\r\nAccept: */*\r\n\r\n",
                "1 bbb " + (T0 + 100_000_000) + " -1\nPOST /b HTTP/1.1\r\nHost: shop\r\nContent-Length: 5\r\n\r\nhello",
                "2 aaa " + (T0 + 300_000_000) + " 300000000\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n",
                "1 ccc " + (T0 + 200_000_000) + " -1\nGET /c HTTP/1.1\r\n\r\n");
    }

    @Test
    void responsesPairByIdWhereverTheyAreAndCarryTheirLatency() throws IOException {
        for (String name : List.of("pairs.gor", "pairs.gor.gz")) {
            List<Request> requests;
            try (GorTraffic traffic = GorTraffic.open(write(name, pairedRecords()))) {
                requests = drain(traffic);
                assertThat(traffic.counts()).isEqualTo(new GorTraffic.Counts(5, 3, 2, 0, 0, 0, 0));
            }
            assertThat(requests).extracting(Request::path).containsExactly("/a", "/b", "/c");
            assertThat(requests).extracting(Request::offsetMicros).containsExactly(0L, 100_000L, 200_000L);
            RecordedResponse a = requests.get(0).recorded();
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).asString().isEqualTo("abc");
            assertThat(a.headers()).containsExactly(new Header("Content-Type", "text/plain"));
            assertThat(a.latencyMicros()).isEqualTo(300_000);
            RecordedResponse b = requests.get(1).recorded();
            assertThat(b.status()).isEqualTo(201);
            assertThat(b.body()).asString().isEqualTo("ok");
            assertThat(b.headers()).containsExactly(new Header("X-R", "b"));
            assertThat(b.latencyMicros()).isEqualTo(400_000);
            assertThat(requests.get(1).body()).asString().isEqualTo("hello");
            assertThat(requests.get(2).recorded()).isNull();
        }
    }

    @Test
    void threeFieldHeadersMeanNoLatencyAndAResponseToHeadHasNoBody() throws IOException {
        List<Request> requests = drain(GorTraffic.open(write("old.gor", List.of(
                "1 x " + T0 + "\nHEAD / HTTP/1.1\r\n\r\n", "2 x " + (T0 + 5) + "\nHTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"))));
        RecordedResponse recorded = requests.get(0).recorded();
        assertThat(recorded.latencyMicros()).isEqualTo(-1);
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.body()).isEmpty();
    }

    @Test
    void theWindowHoldsOnlyWhatIsWithinItNotTheWholeStream() {
        ReorderWindow<String, String> window = new ReorderWindow<>(10_000_000); // 10 ms; a record every 1 ms
        int released = 0;
        int most = 0;
        for (int i = 0; i < 10_000; i++) {
            window.addRequest("r" + i, i * 1_000_000L, "q");
            if (i >= 2) {
                window.addResponse("r" + (i - 2), i * 1_000_000L, "p");
            }
            while (window.poll() != null) {
                released++;
            }
            most = Math.max(most, window.size());
        }
        window.finish();
        while (window.poll() != null) {
            released++;
        }
        assertThat(released).isEqualTo(10_000);
        assertThat(most).isLessThanOrEqualTo(2 * 12);
        assertThat(window.pairedResponses()).isEqualTo(9_998);
    }

    @Test
    void chunkedBodiesAreDechunkedAndFramingHeadersDropped() throws IOException {
        // Chunk data holds newlines, so the record framing must keep them.
        String request = "POST http://shop:8080/up?x=1 HTTP/1.1\r\nHost: shop\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: X-Hop\r\nX-Hop: 1\r\nAuthorization: Bearer t\r\nX-Folded: a\r\n b\r\n\r\n"
                + "6\r\nline1\n\r\n7;ext=1\r\n\nline2\n\r\n0\r\nX-Trailer: t\r\n\r\n";
        String response = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\nA\n0123456789\n0\n\n";
        List<Request> requests = drain(GorTraffic.open(write("chunked.gor", List.of(
                "1 c " + T0 + " -1\n" + request, "2 c " + T0 + " 1000\n" + response))));

        Request r = requests.get(0);
        assertThat(r.path()).isEqualTo("/up?x=1");
        assertThat(r.endpoint()).isEqualTo("POST /up");
        assertThat(r.body()).asString().isEqualTo("line1\n\nline2\n");
        assertThat(r.headers()).containsExactly(new Header("Authorization", "Bearer t"), new Header("X-Folded", "a b"));
        assertThat(r.recorded().body()).asString().isEqualTo("0123456789");
        assertThat(r.recorded().headers()).isEmpty();
        assertThat(r.recorded().latencyMicros()).isEqualTo(1);
    }

    @Test
    void requestTargetsBecomeOriginForm() throws Exception {
        assertThat(parsePath("GET http://host HTTP/1.1")).isEqualTo("/");
        assertThat(parsePath("GET https://host:443?q=1 HTTP/1.1")).isEqualTo("/?q=1");
        assertThat(parsePath("GET HTTP://host/p/q?r HTTP/1.0")).isEqualTo("/p/q?r");
        assertThat(parsePath("GET /p?a=b%20c HTTP/1.1")).isEqualTo("/p?a=b%20c");
        assertThatThrownBy(() -> parsePath("OPTIONS * HTTP/1.1")).hasMessageContaining("cannot be replayed");
        assertThatThrownBy(() -> parsePath("GET /a b HTTP/1.1")).hasMessageContaining("does not parse");
    }

    private static String parsePath(String requestLine) throws HttpMessageParser.MalformedHttpException {
        return HttpMessageParser.parseRequest((requestLine + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)).path();
    }

    @Test
    void outOfOrderTimestampsAreReorderedWithinTheWindow() throws IOException {
        try (GorTraffic traffic = GorTraffic.open(write("ooo.gor", List.of(
                get("c", T0 + 3 * S), get("a", T0 + S), get("b", T0 + 2 * S))), Duration.ofSeconds(10))) {
            List<Request> requests = drain(traffic);
            assertThat(requests).extracting(Request::path).containsExactly("/a", "/b", "/c");
            assertThat(requests).extracting(Request::id).containsExactly(0L, 1L, 2L);
            assertThat(requests).extracting(Request::offsetMicros).containsExactly(0L, 1_000_000L, 2_000_000L);
            assertThat(traffic.counts().lateRequests()).isZero();
        }
    }

    @Test
    void aRequestLaterThanTheWindowIsEmittedAtOnceWithItsOffsetClampedAndCounted() throws IOException {
        // Window 1 s. When d (t=2) arrives the newest is t=10, so a and b have left; d goes next, at b's offset.
        // a's response arrives after a has left, so it is dropped and counted. The type-3 record's far-future
        // timestamp (another run's clock) must not push the window, or everything after it would be late.
        List<String> records = List.of(get("a", T0), get("b", T0 + 5 * S), get("c", T0 + 10 * S),
                "3 z " + (T0 + 1000 * S) + " 5\nHTTP/1.1 500 Oops\r\n\r\n",
                get("d", T0 + 2 * S), "2 a " + (T0 + 10 * S) + " 5\nHTTP/1.1 200 OK\r\n\r\n", get("e", T0 + 11 * S));
        try (GorTraffic traffic = GorTraffic.open(write("late.gor", records), Duration.ofSeconds(1))) {
            List<Request> requests = drain(traffic);
            assertThat(requests).extracting(Request::path).containsExactly("/a", "/b", "/d", "/c", "/e");
            assertThat(requests).extracting(Request::offsetMicros)
                    .containsExactly(0L, 5_000_000L, 5_000_000L, 10_000_000L, 11_000_000L);
            assertThat(requests).allSatisfy(r -> assertThat(r.recorded()).isNull());
            assertThat(traffic.counts()).isEqualTo(new GorTraffic.Counts(7, 5, 0, 1, 1, 1, 1));
        }
    }

    @Test
    void badInputsNameTheRecordAndTheByteOfItsHeaderLine() throws IOException {
        String first = get("a", T0);
        long second = (first + SEPARATOR).getBytes(StandardCharsets.UTF_8).length;
        assertError(write("bad-header.gor", List.of(first, "1 b\nGET / HTTP/1.1\r\n\r\n")),
                "record 2 at byte " + second + ": header line '1 b' does not parse; expected 'TYPE ID TIMESTAMP_NS [LATENCY_NS]'");
        assertError(write("bad-type.gor", List.of(first, "7 b 1\nGET / HTTP/1.1\r\n\r\n")),
                "record 2 at byte " + second + ": record type 7 is unknown");
        assertError(write("bad-line.gor", List.of(first, "1 b " + T0 + "\nGET /\r\n\r\n")),
                "record 2 at byte " + second + ": request: request line 'GET /' does not parse");
        assertError(write("short-body.gor", List.of(first, "1 b " + T0 + "\nPUT / HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc")),
                "record 2 at byte " + second + ": request: the body is cut short: 3 of Content-Length 9 bytes");
        assertError(write("bad-chunk.gor", List.of(first, "1 b " + T0 + "\nPUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")),
                "record 2 at byte " + second + ": request: chunk size line 'zz' does not parse");

        Path empty = Files.write(tmp.resolve("empty.gor"), new byte[0]);
        assertError(empty, "the file is empty");
        Path json = Files.writeString(tmp.resolve("not.gor"), "{\"a\":1}\n{\"b\":2}\n");
        assertError(json, "no GoReplay record separator (🐵🙈🙉) found; is this a .gor file?");
    }

    @Test
    void aTruncatedGzipSaysSo() throws IOException {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(get(Integer.toHexString(i * 7919), T0 + i * 1000L));
        }
        byte[] whole = Files.readAllBytes(write("big.gor.gz", records));
        Path cut = Files.write(tmp.resolve("cut.gor.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
        assertThatThrownBy(() -> drain(GorTraffic.open(cut)))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessageContaining("the gzip stream is truncated")
                .satisfies(e -> assertThat(((TrafficFormatException) e).record()).isPositive());
    }

    @Test
    void aLastRecordWithoutSeparatorIsReadAndATruncatedOneSaysWhy() throws IOException {
        Path ok = Files.writeString(tmp.resolve("open-end.gor"), get("a", T0) + SEPARATOR + get("b", T0 + 1));
        assertThat(drain(GorTraffic.open(ok))).extracting(Request::path).containsExactly("/a", "/b");
        String first = get("a", T0) + SEPARATOR;
        Path cut = Files.writeString(tmp.resolve("cut.gor"), first + "1 b " + (T0 + 1) + "\nGET /b HTTP/1.1\r\nAcc");
        assertError(cut, "record 2 at byte " + first.getBytes(StandardCharsets.UTF_8).length
                + ": request: the header section has no empty line at its end; truncated? (the last record has no separator");
    }

    private static String get(String id, long timestampNanos) {
        return "1 " + id + " " + timestampNanos + "\nGET /" + id + " HTTP/1.1\r\nHost: h\r\n\r\n";
    }

    private void assertError(Path file, String expected) {
        assertThatThrownBy(() -> drain(GorTraffic.open(file)))
                .isInstanceOf(TrafficFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(expected);
    }

    /** Writes records the way GoReplay does: each followed by the separator, the file ending with one. */
    private Path write(String name, List<String> records) throws IOException {
        Path file = tmp.resolve(name);
        byte[] bytes = (String.join(SEPARATOR, records) + SEPARATOR).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private static List<Request> drain(GorTraffic traffic) {
        try (traffic) {
            List<Request> out = new ArrayList<>();
            traffic.forEachRemaining(out::add);
            return out;
        }
    }
}
