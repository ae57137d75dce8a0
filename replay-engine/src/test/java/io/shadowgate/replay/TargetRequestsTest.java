package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes the replayer writes for a request: exactly those Netty's own encoder writes for the
 * same request, and refused where Netty refuses it.
 */
class TargetRequestsTest {

    private static final List<Header> OWN = List.of(new Header("Accept", "application/json"),
            new Header("authorization", "Bearer from-capture"), new Header("Host", "captured.example"),
            new Header("Content-Length", "999"), new Header("Expect", "100-continue"),
            new Header("X-Shadowgate-Request-Id", "forged"), new Header("X-Latin", "caf\u00e9"));

    @Test
    void theBytesOnTheWireAreThoseNettysEncoderWritesForTheSameRequest() {
        List<TargetRequests> targets = List.of(
                new TargetRequests("127.0.0.1:8080", List.of()),
                new TargetRequests("candidate.internal", List.of(new Header("Authorization", "Bearer target"),
                        new Header("X-Env", "staging"), new Header("Content-Length", "1"))),
                new TargetRequests("127.0.0.1:8080", List.of(new Header("host", "virtual.example"))));
        List<Request> requests = List.of(
                new Request(0, 0, "get", "GET", "/v1/predict", List.of(), new byte[0]),
                new Request(9, 0, "get", "GET", "/search?q=caf\u00e9&x=1", OWN, new byte[0]),
                new Request(123_456_789_012L, 0, "post", "POST", "/v1/predict",
                        List.of(new Header("Content-Type", "application/json")), bytes("{\"x\":1}")),
                new Request(Long.MAX_VALUE, 0, "put", "PUT", "/empty", List.of(), new byte[0]),
                new Request(10, 0, "head", "HEAD", "/", OWN, new byte[0]),
                new Request(99, 0, "purge", "PURGE", "/cache/item", List.of(), new byte[0]),
                new Request(100, 0, "delete", "DELETE", "/item/7", List.of(), bytes("why")));

        for (TargetRequests target : targets) {
            for (Request request : requests) {
                ByteBuf ours = target.encode(request, ByteBufAllocator.DEFAULT);
                try {
                    assertThat(text(ByteBufUtil.getBytes(ours))).as(request.toString()).isEqualTo(text(netty(target, request)));
                } finally {
                    ours.release();
                }
            }
        }
    }

    @Test
    void whatNettyWillNotEncodeIsRefused() {
        TargetRequests target = new TargetRequests("127.0.0.1:8080", List.of());
        for (Request request : List.of(
                new Request(1, 0, "get", "GET", "/a path", List.of(), new byte[0]),
                new Request(2, 0, "get", "GET", "/a\r\nInjected: 1", List.of(), new byte[0]),
                new Request(3, 0, "get", "GE T", "/", List.of(), new byte[0]),
                new Request(4, 0, "get", "GET", "/", List.of(new Header("Bad Name", "x")), new byte[0]),
                new Request(5, 0, "get", "GET", "/", List.of(new Header("X-Note", "a\r\nInjected: 1")), new byte[0]))) {
            assertThatThrownBy(() -> target.encode(request, ByteBufAllocator.DEFAULT)).as(request.path())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> netty(target, request)).as(request.path())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        TargetRequests badTarget = new TargetRequests("127.0.0.1:8080", List.of(new Header("X-Env", "a\nb")));
        assertThatThrownBy(() -> badTarget.encode(new Request(6, 0, "get", "GET", "/", List.of(), new byte[0]),
                ByteBufAllocator.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] netty(TargetRequests target, Request request) {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        try {
            encoder.writeOutbound(target.toHttp(request));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
                out.writeBytes(ByteBufUtil.getBytes(part));
                part.release();
            }
            return out.toByteArray();
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] wire) {
        return new String(wire, StandardCharsets.ISO_8859_1);
    }
}
