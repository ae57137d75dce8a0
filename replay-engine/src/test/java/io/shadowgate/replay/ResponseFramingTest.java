package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.shadowgate.netty.Transport;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import io.shadowgate.traffic.SynthesizedTraffic;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the client reads what a target writes on the wire: chunked bodies, interim responses,
 * bodies framed by the end of the connection, and bytes that are not HTTP. A loopback Netty
 * server answers every request with the same raw bytes, so the framing is exactly as written.
 */
class ResponseFramingTest {

    private static final RequestTemplate GET = new RequestTemplate("get", 1, "GET", "/v1/item", Map.of(), "");

    @Test
    void aChunkedBodyArrivesWholeWithItsHeaders() throws Exception {
        List<Outcome> outcomes = replay("""
                HTTP/1.1 200 OK\r
                Content-Type: application/json\r
                Transfer-Encoding: chunked\r
                \r
                5\r
                {"a":\r
                3\r
                1,"\r
                7\r
                b":[2]}\r
                0\r
                \r
                """, true);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE);
            assertThat(o.status()).isEqualTo(200);
            assertThat(new String(o.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":[2]}");
            assertThat(o.response().header("content-type")).isEqualTo("application/json");
        });
    }

    @Test
    void anInterimResponseIsNotTheAnswer() throws Exception {
        List<Outcome> outcomes = replay("""
                HTTP/1.1 103 Early Hints\r
                Link: </style.css>; rel=preload\r
                \r
                HTTP/1.1 201 Created\r
                Content-Length: 2\r
                \r
                ok""", true);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE);
            assertThat(o.status()).isEqualTo(201);
            assertThat(new String(o.response().body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        });
    }

    @Test
    void aBodyThatEndsWithTheConnectionIsAResponseAndTheNextRequestGetsANewConnection() throws Exception {
        List<Outcome> outcomes = replay("""
                HTTP/1.1 200 OK\r
                Connection: close\r
                \r
                until the end""", true);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE);
            assertThat(new String(o.response().body(), StandardCharsets.UTF_8)).isEqualTo("until the end");
        });
    }

    @Test
    void bytesThatAreNotHttpEndAsConnectionErrors() throws Exception {
        List<Outcome> outcomes = replay("SSH-2.0-OpenSSH_9.2\r\n\r\n", false);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.CONNECTION_ERROR));
    }

    @Test
    void withoutBodiesKeptOnlyTheStatusIsReported() throws Exception {
        List<Outcome> outcomes = replay("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy", false);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(503);
            assertThat(o.response()).isSameAs(ResponseContent.NONE);
        });
    }

    @Test
    void aResponseAfterItsTimeoutIsDroppedAndTheConnectionServesTheNextRequest() throws Exception {
        // Each answer comes 150 ms after its request: past the 100 ms timeout, before the next request 200 ms later.
        AtomicInteger connections = new AtomicInteger();
        List<Outcome> outcomes = replay("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false,
                Duration.ofMillis(150), Duration.ofMillis(100), 5, connections);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.TIMEOUT));
        // Closing on every timeout would have opened one connection per request.
        assertThat(connections.get()).isEqualTo(1);
    }

    /** Ten requests, 20 ms apart, to one target that answers each with {@code wire}; their outcomes. */
    private static List<Outcome> replay(String wire, boolean keepBodies) throws Exception {
        return replay(wire, keepBodies, Duration.ZERO, Duration.ofSeconds(2), 50, new AtomicInteger());
    }

    /**
     * Ten requests at {@code rate}/s, one connection at most, to a target that answers
     * each with {@code wire} after {@code delay}; their outcomes. {@code connections} counts
     * the connections the target accepted.
     */
    private static List<Outcome> replay(String wire, boolean keepBodies, Duration delay, Duration timeout, double rate,
                                        AtomicInteger connections) throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "raw-server");
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverSocketChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            ch.pipeline().addLast(new HttpRequestDecoder(), new RawAnswer(wire, delay));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("baseline", URI.create("http://127.0.0.1:" + port));
            ReplayOptions options = new ReplayOptions(Duration.ofSeconds(1), timeout, 1, 1, 1, keepBodies);
            try (Replayer replayer = new Replayer(targets, options, outcomes::add)) {
                replayer.connect();
                replayer.replay(new SynthesizedTraffic(
                        new TrafficSpec(Duration.ofMillis(1000 * 10 / (int) rate), rate, Arrivals.CONSTANT, List.of(GET)), 1));
            } finally {
                server.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        return outcomes;
    }

    /** Writes the same bytes {@code delay} after every request, and closes when they say {@code Connection: close}. */
    private static final class RawAnswer extends SimpleChannelInboundHandler<HttpObject> {
        private final byte[] wire;
        private final boolean close;
        private final Duration delay;

        RawAnswer(String wire, Duration delay) {
            this.wire = wire.getBytes(StandardCharsets.UTF_8);
            this.close = wire.contains("Connection: close");
            this.delay = delay;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof LastHttpContent)) {
                return;
            }
            ctx.executor().schedule(() -> {
                var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(wire));
                if (close) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
