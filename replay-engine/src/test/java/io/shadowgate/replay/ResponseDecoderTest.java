package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.shadowgate.traffic.HarTraffic;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.RecordedResponse;
import io.shadowgate.traffic.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The client's response decoder on bytes as targets write them, without sockets: every framing
 * RFC 9112 allows, bytes arriving one at a time, the answers it must refuse, and the recorded
 * responses of real browser sessions ({@code shared/corpus}) read as Netty's own decoder reads
 * them.
 */
class ResponseDecoderTest {

    private static final String NGINX = """
            HTTP/1.1 200 OK\r
            Server: nginx/1.22.1\r
            Date: Fri, 27 Nov 2026 16:24:38 GMT\r
            Content-Type: application/json\r
            Content-Length: 13\r
            Connection: keep-alive\r
            \r
            {"label":"a"}""";

    private static final String CHUNKED = """
            HTTP/1.1 200 OK\r
            Transfer-Encoding: chunked\r
            \r
            5;name=value\r
            {"a":\r
            A\r
            1,"b":[2]}\r
            0\r
            Checksum: 12\r
            \r
            """;

    @Test
    void aResponseFramedByItsLengthIsOneAnswerWithItsStatusHeadersAndBody() {
        EmbeddedChannel channel = channel(true);
        channel.writeInbound(bytes(NGINX));

        DecodedResponse response = channel.readInbound();
        assertThat(response.head().status()).isEqualTo(200);
        assertThat(response.head().keepAlive()).isTrue();
        assertThat(text(response.body())).isEqualTo("{\"label\":\"a\"}");
        assertThat(response.head().headers()).containsExactly(new Header("Server", "nginx/1.22.1"),
                new Header("Date", "Fri, 27 Nov 2026 16:24:38 GMT"), new Header("Content-Type", "application/json"),
                new Header("Content-Length", "13"), new Header("Connection", "keep-alive"));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void withoutBodiesKeptNothingButTheHeadIsRead() {
        EmbeddedChannel channel = channel(false);
        channel.writeInbound(bytes(NGINX + NGINX));

        List<DecodedResponse> responses = readAll(channel);
        assertThat(responses).hasSize(2).allSatisfy(r -> {
            assertThat(r.head().status()).isEqualTo(200);
            assertThat(r.body()).isNull();
            assertThat(r.head().headers()).isEmpty();
        });
    }

    @Test
    void everyFramingReadsTheSameWhetherTheBytesComeAtOnceOrOneByOne() {
        String untilClose = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
        for (String wire : List.of(NGINX, CHUNKED, "\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + NGINX,
                "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", untilClose)) {
            EmbeddedChannel whole = channel(true);
            whole.writeInbound(bytes(wire));
            whole.finish();
            EmbeddedChannel byByte = channel(true);
            for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
                byByte.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            byByte.finish();

            List<DecodedResponse> expected = readAll(whole);
            assertThat(expected).as(wire).hasSize(1);
            List<DecodedResponse> actual = readAll(byByte);
            assertThat(actual).as(wire).hasSize(1);
            assertThat(actual.get(0).head()).as(wire).isEqualTo(expected.get(0).head());
            assertThat(actual.get(0).body()).as(wire).isEqualTo(expected.get(0).body());
        }
    }

    @Test
    void aChunkedBodyIsJoinedAndItsExtensionsAndTrailersAreReadPast() {
        EmbeddedChannel channel = channel(true);
        channel.writeInbound(bytes(CHUNKED + NGINX));

        List<DecodedResponse> responses = readAll(channel);
        assertThat(responses).hasSize(2);
        assertThat(text(responses.get(0).body())).isEqualTo("{\"a\":1,\"b\":[2]}");
        assertThat(text(responses.get(1).body())).isEqualTo("{\"label\":\"a\"}");
    }

    @Test
    void chunkedFramingWinsOverContentLength() {
        EmbeddedChannel channel = channel(true);
        channel.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "2\r\nok\r\n0\r\n\r\n" + NGINX));

        List<DecodedResponse> responses = readAll(channel);
        assertThat(responses).extracting(r -> text(r.body())).containsExactly("ok", "{\"label\":\"a\"}");
    }

    @Test
    void theAnswerToHeadAnd204And304HaveNoBodyWhateverTheirLengthSays() {
        EmbeddedChannel head = channel(true);
        decoder(head).answering("HEAD");
        head.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"));
        decoder(head).answering("GET");
        head.writeInbound(bytes(NGINX));
        assertThat(readAll(head)).extracting(r -> text(r.body())).containsExactly("", "{\"label\":\"a\"}");

        EmbeddedChannel others = channel(true);
        others.writeInbound(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 13\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n" + NGINX));
        assertThat(readAll(others)).extracting(r -> r.head().status()).containsExactly(204, 304, 200);
    }

    @Test
    void aBodyWithNoFramingEndsWithTheConnection() {
        EmbeddedChannel channel = channel(true);
        channel.writeInbound(bytes("HTTP/1.1 200 OK\r\n\r\nuntil "));
        channel.writeInbound(bytes("the end"));
        assertThat((Object) channel.readInbound()).isNull();

        channel.finish();
        DecodedResponse response = channel.readInbound();
        assertThat(text(response.body())).isEqualTo("until the end");
    }

    @Test
    void theConnectionServesTheNextRequestOnlyWhenTheVersionAndConnectionHeaderSaySo() {
        Map<String, Boolean> cases = Map.of(
                "HTTP/1.1 200 OK\r\n", true,
                "HTTP/1.1 200 OK\r\nConnection: close\r\n", false,
                "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\n", false,
                "HTTP/1.0 200 OK\r\n", false,
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n", true,
                "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n", false);
        cases.forEach((head, keepAlive) -> {
            EmbeddedChannel channel = channel(false);
            channel.writeInbound(bytes(head + "Content-Length: 0\r\n\r\n"));
            DecodedResponse response = channel.readInbound();
            assertThat(response.head().keepAlive()).as(head).isEqualTo(keepAlive);
        });
    }

    @Test
    void headerFieldsAreReadAsNettyReadsThem() {
        EmbeddedChannel channel = channel(true);
        channel.writeInbound(bytes("HTTP/1.1 200\r\nX-Folded: first\r\n  second\r\n\tthird\r\nx-case :  \tpadded \t\r\n"
                + "Content-Length: 2, 2\r\nNo-Colon\r\n\r\nok"));

        DecodedResponse response = channel.readInbound();
        assertThat(response.head().status()).isEqualTo(200);
        assertThat(response.head().headers()).containsExactly(new Header("X-Folded", "first second third"),
                new Header("x-case", "padded"), new Header("Content-Length", "2, 2"), new Header("No-Colon", ""));
        assertThat(text(response.body())).isEqualTo("ok");
    }

    @Test
    void whatCannotBeFramedOrIsNotHttpClosesTheConnectionAndAnswersNothing() {
        String tooLong = "HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(ResponseDecoder.MAX_HEAD_BYTES) + "\r\n\r\n";
        for (String wire : List.of("SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/2.0 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n", tooLong)) {
            EmbeddedChannel channel = channel(true);
            channel.writeInbound(bytes(wire));
            assertThat((Object) channel.readInbound()).as(wire).isNull();
            assertThat(channel.isOpen()).as(wire).isFalse();
        }
    }

    @Test
    void aKeptBodyLargerThanTheLimitClosesTheConnection() {
        EmbeddedChannel declared = new EmbeddedChannel(new ResponseDecoder(true, 10, false));
        declared.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"));
        assertThat(declared.isOpen()).isFalse();

        EmbeddedChannel chunked = new EmbeddedChannel(new ResponseDecoder(true, 10, false));
        chunked.writeInbound(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n123456\r\n6\r\n"));
        assertThat(chunked.isOpen()).isTrue();
        chunked.writeInbound(bytes("123456\r\n0\r\n\r\n"));
        assertThat((Object) chunked.readInbound()).isNull();
        assertThat(chunked.isOpen()).isFalse();

        EmbeddedChannel notKept = new EmbeddedChannel(new ResponseDecoder(false, 10, false));
        notKept.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n12345678901"));
        assertThat(((DecodedResponse) notKept.readInbound()).head().status()).isEqualTo(200);
    }

    @Test
    void theStatedLatencyIsReadOnlyWhenAskedAndOnlyAsWholeMicroseconds() {
        String wire = "HTTP/1.1 200 OK\r\n" + ReplayOptions.STATED_LATENCY_HEADER.toLowerCase() + ": 1500\r\n"
                + "Content-Length: 0\r\n\r\n";
        EmbeddedChannel asked = new EmbeddedChannel(new ResponseDecoder(false, 10, true));
        asked.writeInbound(bytes(wire + wire.replace("1500", "1.5")));
        assertThat(readAll(asked)).extracting(r -> r.head().statedNanos()).containsExactly(1_500_000L, -1L);

        EmbeddedChannel notAsked = new EmbeddedChannel(new ResponseDecoder(false, 10, false));
        notAsked.writeInbound(bytes(wire));
        assertThat(((DecodedResponse) notAsked.readInbound()).head().statedNanos()).isEqualTo(-1);
    }

    /**
     * Every recorded response of three real browser sessions, written with a Content-Length and
     * again chunked, and cut into pieces of random size: read as Netty's decoder (with its
     * aggregator) reads them, status, header fields in order, and body.
     */
    @Test
    void recordedResponsesOfRealSessionsReadAsNettyReadsThem() {
        SplittableRandom random = new SplittableRandom(8);
        int compared = 0;
        for (String har : List.of("mitmproxy-firefox.har", "mitmproxy-chrome.har", "mitmproxy-postdata.har")) {
            for (RecordedResponse recorded : recorded(har)) {
                for (boolean chunked : new boolean[] {false, true}) {
                    byte[] wire = wire(recorded, chunked);
                    EmbeddedChannel ours = channel(true);
                    EmbeddedChannel netty = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 24));
                    for (ByteBuf piece : pieces(wire, random)) {
                        netty.writeInbound(piece.retainedDuplicate());
                        ours.writeInbound(piece);
                    }
                    DecodedResponse read = ours.readInbound();
                    FullHttpResponse expected = netty.readInbound();
                    try {
                        assertThat(read.head().status()).isEqualTo(expected.status().code());
                        // The aggregator sets Content-Length to what it joined; the framing headers are compared above.
                        List<Header> headers = new ArrayList<>();
                        expected.headers().forEach(h -> headers.add(new Header(h.getKey(), h.getValue())));
                        assertThat(withoutFraming(read.head().headers())).isEqualTo(withoutFraming(headers));
                        byte[] body = new byte[expected.content().readableBytes()];
                        expected.content().getBytes(expected.content().readerIndex(), body);
                        assertThat(read.body()).isEqualTo(body);
                    } finally {
                        expected.release();
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).as("responses compared").isGreaterThanOrEqualTo(30);
    }

    private static List<Header> withoutFraming(List<Header> headers) {
        return headers.stream().filter(h -> !h.name().equalsIgnoreCase("content-length")
                && !h.name().equalsIgnoreCase("transfer-encoding")).toList();
    }

    private static List<RecordedResponse> recorded(String har) {
        Path file = Path.of("..", "..", "shared", "corpus", har);
        assertThat(file).as("corpus file (shared/ must sit beside the repository)").isRegularFile();
        List<RecordedResponse> out = new ArrayList<>();
        try (HarTraffic traffic = HarTraffic.open(file)) {
            traffic.forEachRemaining((Request r) -> {
                if (r.recorded() != null && r.recorded().status() >= 200) {
                    out.add(r.recorded());
                }
            });
        }
        return out;
    }

    /** The response on the wire: its recorded headers but the framing ones, then the body framed anew. */
    private static byte[] wire(RecordedResponse r, boolean chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytesOf("HTTP/1.1 " + r.status() + " Recorded\r\n"));
        boolean bodiless = r.status() == 204 || r.status() == 304;
        for (Header h : r.headers()) {
            String name = h.name().toLowerCase();
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.startsWith(":")
                    && h.value().chars().allMatch(c -> c >= 0x20 && c <= 0xFF)) {
                out.writeBytes(bytesOf(h.name() + ": " + h.value() + "\r\n"));
            }
        }
        if (bodiless) {
            out.writeBytes(bytesOf("\r\n"));
        } else if (chunked) {
            out.writeBytes(bytesOf("Transfer-Encoding: chunked\r\n\r\n"));
            for (int from = 0; from < r.body().length; from += 700) {
                int n = Math.min(700, r.body().length - from);
                out.writeBytes(bytesOf(Integer.toHexString(n) + (from == 0 ? ";first" : "") + "\r\n"));
                out.write(r.body(), from, n);
                out.writeBytes(bytesOf("\r\n"));
            }
            out.writeBytes(bytesOf("0\r\n\r\n"));
        } else {
            out.writeBytes(bytesOf("Content-Length: " + r.body().length + "\r\n\r\n"));
            out.writeBytes(r.body());
        }
        return out.toByteArray();
    }

    private static List<ByteBuf> pieces(byte[] wire, SplittableRandom random) {
        List<ByteBuf> pieces = new ArrayList<>();
        for (int from = 0; from < wire.length; ) {
            int n = Math.min(wire.length - from, 1 + random.nextInt(random.nextBoolean() ? 8 : 2048));
            pieces.add(Unpooled.copiedBuffer(wire, from, n));
            from += n;
        }
        return pieces;
    }

    private static EmbeddedChannel channel(boolean keepBodies) {
        return new EmbeddedChannel(new ResponseDecoder(keepBodies, ConnectionPool.MAX_RESPONSE_BYTES, false));
    }

    private static ResponseDecoder decoder(EmbeddedChannel channel) {
        return channel.pipeline().get(ResponseDecoder.class);
    }

    private static List<DecodedResponse> readAll(EmbeddedChannel channel) {
        List<DecodedResponse> out = new ArrayList<>();
        for (DecodedResponse r; (r = channel.readInbound()) != null; ) {
            out.add(r);
        }
        return out;
    }

    private static ByteBuf bytes(String wire) {
        return Unpooled.wrappedBuffer(bytesOf(wire));
    }

    private static byte[] bytesOf(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
