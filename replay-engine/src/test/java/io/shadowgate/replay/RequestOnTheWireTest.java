package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.shadowgate.netty.Transport;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.ListTraffic;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a target receives: the request line and headers as a loopback Netty server decodes
 * them, for requests whose own headers meet the target's (its Host, its credentials), and for
 * requests Netty will not encode, which end as connection errors without costing the
 * connection.
 */
class RequestOnTheWireTest {

    /** A request as the target decoded it. */
    private record Received(String method, String uri, List<Map.Entry<String, String>> headers, String body) {
    }

    @Test
    void theTargetGetsTheRequestsHeadersWithItsOwnHostAndCredentialsAndTheReplayersId() throws Exception {
        Request request = new Request(0, 0, "predict", "POST", "/v1/predict?x=1", List.of(
                new Header("Accept", "application/json"),
                new Header("Expect", "100-continue"),
                new Header("x-api-key", "from the capture"),
                new Header("Content-Length", "999"),
                new Header("X-Trace", "a"),
                new Header("X-Trace", "b")), "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        List<Header> credentials = List.of(new Header("X-Api-Key", "the target's own"));

        Run run = replay(List.of(request), credentials, null);

        assertThat(run.outcomes()).extracting(Outcome::kind).containsExactly(OutcomeKind.RESPONSE);
        Received received = run.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/v1/predict?x=1");
        assertThat(received.body()).isEqualTo("{\"x\":1}");
        // In order: the target's Host, the request's own headers but those the replayer sets,
        // the target's headers, then the request id and the body's true length.
        assertThat(received.headers()).extracting(e -> e.getKey().toLowerCase(), Map.Entry::getValue).containsExactly(
                tuple("host", "127.0.0.1:" + run.port()),
                tuple("accept", "application/json"),
                tuple("x-trace", "a"),
                tuple("x-trace", "b"),
                tuple("x-api-key", "the target's own"),
                tuple("x-shadowgate-request-id", "0"),
                tuple("content-length", "7"));
    }

    /**
     * RFC 9110 8.6: no Content-Length on a request without content whose method gives content
     * no meaning (a captured GET has none); a POST or PUT says its empty body is empty; a GET
     * that does carry a body (some search APIs) says how long it is.
     */
    @Test
    void contentLengthIsSentWhenTheMethodTakesContentOrThereIsSome() throws Exception {
        List<Request> requests = List.of(
                new Request(0, 0, "get", "GET", "/get", List.of(new Header("Content-Length", "0")), new byte[0]),
                new Request(1, 1_000, "delete", "DELETE", "/delete", List.of(), new byte[0]),
                new Request(2, 2_000, "options", "OPTIONS", "/options", List.of(), new byte[0]),
                new Request(3, 3_000, "post", "POST", "/post", List.of(), new byte[0]),
                new Request(4, 4_000, "put", "PUT", "/put", List.of(), new byte[0]),
                new Request(5, 5_000, "search", "GET", "/search", List.of(),
                        "{\"q\":1}".getBytes(StandardCharsets.UTF_8)));

        Run run = replay(requests, List.of(), null);

        assertThat(run.outcomes()).extracting(Outcome::kind).containsOnly(OutcomeKind.RESPONSE).hasSize(6);
        assertThat(run.received()).extracting(Received::uri, r -> contentLength(r.headers())).containsExactly(
                tuple("/get", null),
                tuple("/delete", null),
                tuple("/options", null),
                tuple("/post", "0"),
                tuple("/put", "0"),
                tuple("/search", "7"));
    }

    private static String contentLength(List<Map.Entry<String, String>> headers) {
        List<String> values = headers.stream().filter(e -> e.getKey().equalsIgnoreCase("content-length"))
                .map(Map.Entry::getValue).toList();
        assertThat(values).as("Content-Length headers").hasSizeLessThanOrEqualTo(1);
        return values.isEmpty() ? null : values.get(0);
    }

    @Test
    void aTargetsHostHeaderReplacesTheAddress() throws Exception {
        Request request = new Request(0, 0, "get", "GET", "/", List.of(), new byte[0]);

        Run run = replay(List.of(request), List.of(), "api.internal:8443");

        assertThat(run.received().get(0).headers()).extracting(e -> e.getKey().toLowerCase(), Map.Entry::getValue)
                .startsWith(tuple("host", "api.internal:8443"));
    }

    /**
     * A header name with a space, a value that would start a header of its own and a path with
     * spaces cannot be sent as they are: those requests end as connection errors, nothing of them reaches the
     * target, and the requests around them go out on the same connection.
     */
    @Test
    void aRequestNettyWillNotEncodeIsAConnectionErrorAndTheConnectionServesTheNext() throws Exception {
        List<Request> requests = List.of(
                new Request(0, 0, "get", "GET", "/first", List.of(), new byte[0]),
                new Request(1, 20_000, "get", "GET", "/bad-name", List.of(new Header("Bad Name", "x")), new byte[0]),
                new Request(2, 40_000, "get", "GET", "/bad-value", List.of(new Header("X-Note", "a\r\nInjected: 1")),
                        new byte[0]),
                new Request(3, 60_000, "get", "GET", "/a path with spaces", List.of(), new byte[0]),
                new Request(4, 80_000, "get", "GET", "/last", List.of(), new byte[0]));

        Run run = replay(requests, List.of(), null);

        assertThat(run.outcomes()).extracting(Outcome::requestId, Outcome::kind).containsExactly(
                tuple(0L, OutcomeKind.RESPONSE),
                tuple(1L, OutcomeKind.CONNECTION_ERROR),
                tuple(2L, OutcomeKind.CONNECTION_ERROR),
                tuple(3L, OutcomeKind.CONNECTION_ERROR),
                tuple(4L, OutcomeKind.RESPONSE));
        assertThat(run.received()).extracting(Received::uri).containsExactly("/first", "/last");
        assertThat(run.received()).allSatisfy(r -> assertThat(r.headers()).extracting(Map.Entry::getKey)
                .noneMatch(name -> name.equalsIgnoreCase("injected")));
        assertThat(run.connections()).isEqualTo(1);
    }

    private record Run(List<Outcome> outcomes, List<Received> received, int port, int connections) {
    }

    /** {@code requests} to one target with {@code headers} and {@code host}, one connection at most. */
    private static Run replay(List<Request> requests, List<Header> headers, String host) throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "wire-server");
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Received> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger connections = new AtomicInteger();
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverSocketChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            ch.pipeline().addLast(new HttpRequestDecoder(), new Recorder(received));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Map<String, TargetEndpoint> targets = new LinkedHashMap<>();
            targets.put("baseline", new TargetEndpoint(URI.create("http://127.0.0.1:" + port), headers, host));
            ReplayOptions options = new ReplayOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1, 1, false);
            try (Replayer replayer = Replayer.forEndpoints(targets, options, outcomes::add)) {
                replayer.connect();
                replayer.replay(ListTraffic.of(requests));
            } finally {
                server.close().sync();
            }
            List<Outcome> inOrder = new ArrayList<>(outcomes);
            inOrder.sort(Comparator.comparingLong(Outcome::requestId));
            return new Run(inOrder, List.copyOf(received), port, connections.get());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * Keeps each request as decoded and answers it with a 200. It reads the parts itself, without
     * an aggregator: Netty's aggregator adds the Content-Length a request did not send.
     */
    private static final class Recorder extends SimpleChannelInboundHandler<HttpObject> {
        private final List<Received> received;
        private HttpRequest head;
        private final StringBuilder body = new StringBuilder();

        Recorder(List<Received> received) {
            this.received = received;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject part) {
            if (part instanceof HttpRequest request) {
                head = request;
                body.setLength(0);
            }
            if (part instanceof HttpContent content) {
                body.append(content.content().toString(StandardCharsets.UTF_8));
            }
            if (part instanceof LastHttpContent) {
                received.add(new Received(head.method().name(), head.uri(), List.copyOf(head.headers().entries()),
                        body.toString()));
                ByteBuf answer = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        StandardCharsets.US_ASCII);
                ctx.writeAndFlush(answer);
            }
        }
    }
}
