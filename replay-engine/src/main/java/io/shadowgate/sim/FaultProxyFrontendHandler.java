package io.shadowgate.sim;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.capture.HopByHop;
import io.shadowgate.capture.Upstream;
import io.shadowgate.netty.SocketErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one connection through the fault proxy, after Netty's
 * HexDumpProxyFrontendHandler: opens one upstream connection on this channel's event loop,
 * then takes the client's requests one at a time, draws the faults of each, and forwards it,
 * answers it itself, resets the connection, or never answers. One instance per client
 * connection; everything, the backend half included, runs on its event loop, so nothing here
 * is locked.
 *
 * <p>{@code AUTO_READ} is off: the next piece of a request is read once the previous one is
 * written upstream, and the next request once the answer to this one has been written to the
 * client, so pipelined requests are served in turn, and a fast client cannot outrun a slow
 * upstream. Faults, by request: {@code slow} holds the request for {@code add} before
 * forwarding it; {@code errors} answers the fault's status without forwarding (after any
 * {@code slow} delay); {@code reset} resets the connection at once; {@code hang} forwards
 * nothing and answers nothing, dropping what the client sends until it gives up and closes;
 * {@code slow-body} and stalls act on the answer (see {@link FaultProxyBackendHandler}).
 *
 * <p>When the upstream cannot be reached, each request is read whole and answered 502 by the
 * proxy, and the connection closed.
 */
final class FaultProxyFrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FaultProxyFrontendHandler.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final FaultProxyContext context;
    private final SplittableRandom rng;
    /** Decoded pieces not handled yet: one read can decode several pipelined requests. */
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private Channel inbound;
    private Channel outbound;
    /** Why the upstream could not be reached, or null. */
    private String unreachable;
    /** The request being served, or null between requests. */
    private FaultProxyExchange exchange;
    /** Waiting for the upstream connection, a write upstream or the answer: nothing more is handled until then. */
    private boolean busy = true;
    private boolean pumping;
    /** A request hung: whatever the client sends from now on is dropped, until it gives up and closes. */
    private boolean hanging;
    private boolean closed;

    FaultProxyFrontendHandler(FaultProxyContext context, SplittableRandom rng) {
        this.context = context;
        this.rng = rng;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        inbound = ctx.channel();
        Upstream upstream = context.upstream();
        ChannelFuture connected = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(context.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .handler(new FaultProxyBackendInitializer(this, inbound, context))
                .connect(upstream.host(), upstream.port());
        outbound = connected.channel();
        connected.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                unreachable = SocketErrors.reason(f.cause());
                log.debug("upstream {} unreachable for client {}: {}", upstream, inbound.remoteAddress(), unreachable);
            }
            busy = false;
            pump();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        backlog.add(msg);
        pump();
    }

    /** Handles what can be handled now, then asks for more. Re-entrant calls (from a write that completed at once) return. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!busy && !closed && !backlog.isEmpty()) {
                handle(backlog.poll());
            }
            if (!busy && !closed) {
                inbound.read();
            }
        } finally {
            pumping = false;
        }
    }

    private void handle(Object msg) {
        if (hanging) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            answerAndClose(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + object.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpRequest request && !begin(request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (exchange == null) {
            // The rest of a request whose answer came early; nobody waits for it.
            ReferenceCountUtil.release(msg);
            return;
        }
        boolean last = msg instanceof LastHttpContent;
        if (!exchange.forwarded) {
            ReferenceCountUtil.release(msg);
            if (last) {
                busy = true;
                answerItself(exchange);
            }
            return;
        }
        forward(exchange, msg, msg instanceof HttpRequest, last);
    }

    /** A request head: draws its faults; false if it goes no further (hung, or the connection reset). */
    private boolean begin(HttpRequest request) {
        long now = System.nanoTime();
        FaultEffect fault = context.faults().requests().draw(now - context.clock().originNanos(), rng,
                RequestFaults.errorsApply(request.method().name(), request.uri()));
        if (fault.hang()) {
            hanging = true;
            return false;
        }
        if (fault.reset()) {
            closed = true;
            releaseBacklog();
            outbound.close();
            ConnectionReset.reset(inbound);
            return false;
        }
        boolean forwarded = unreachable == null && !fault.injectsError();
        exchange = new FaultProxyExchange(fault, now, forwarded, HttpUtil.isKeepAlive(request));
        if (forwarded) {
            HopByHop.strip(request.headers());
            request.headers().set(HttpHeaderNames.HOST, context.upstream().authority());
        }
        return true;
    }

    /** Sends a request piece upstream; a slowed request's head waits out its added latency first. */
    private void forward(FaultProxyExchange e, Object msg, boolean head, boolean last) {
        busy = true;
        long delay = head ? e.arrivalNanos + e.fault.addedNanos() - System.nanoTime() : 0;
        if (delay > 0) {
            inbound.eventLoop().schedule(() -> writeUpstream(e, msg, last), delay, TimeUnit.NANOSECONDS);
        } else {
            writeUpstream(e, msg, last);
        }
    }

    private void writeUpstream(FaultProxyExchange e, Object msg, boolean last) {
        outbound.writeAndFlush(msg).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                // The upstream connection is broken; its close answers the client (see backendClosed).
                f.channel().close();
            } else if (!last && exchange == e) {
                busy = false;
                pump();
            }
            // After the last piece, the answer ends the wait (exchangeEnded).
        });
    }

    /** A request the proxy answers: 502 when the upstream is unreachable, else the fault's error, when due. */
    private void answerItself(FaultProxyExchange e) {
        if (unreachable != null) {
            answerAndClose(HttpResponseStatus.BAD_GATEWAY, "upstream " + context.upstream() + " unreachable: " + unreachable);
            return;
        }
        // Like any answer: after the added latency, and held by a stall.
        long origin = context.clock().originNanos();
        long due = e.arrivalNanos + e.fault.addedNanos();
        long delay = origin + context.faults().stalls().releaseNanos(due - origin) - System.nanoTime();
        if (delay > 0) {
            inbound.eventLoop().schedule(() -> writeInjectedError(e), delay, TimeUnit.NANOSECONDS);
        } else {
            writeInjectedError(e);
        }
    }

    private void writeInjectedError(FaultProxyExchange e) {
        if (closed) {
            return;
        }
        int status = e.fault.errorStatus();
        byte[] body = ("{\"error\":\"injected error: the shadowgate fault proxy answered " + status
                + " instead of forwarding this request\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse head = e.fault.trickleNanos() > 0
                ? new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status))
                : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                        Unpooled.wrappedBuffer(body));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        head.headers().set(FaultProxy.FAULT_HEADER, "errors");
        HttpUtil.setContentLength(head, body.length);
        HttpUtil.setKeepAlive(head, !e.closeAfter);
        if (head instanceof FullHttpResponse) {
            inbound.writeAndFlush(head).addListener((ChannelFuture f) -> exchangeEnded(f));
        } else {
            inbound.writeAndFlush(head);
            e.trickle = BodyTrickle.start(inbound, inbound.eventLoop(), body, null, System.nanoTime(),
                    e.fault.trickleNanos(), this::exchangeEnded);
        }
    }

    /** The forwarded request whose answer the upstream is sending, or null if none is waited for. */
    FaultProxyExchange awaitingResponse() {
        FaultProxyExchange e = exchange;
        return e != null && e.forwarded && !e.responseEnded ? e : null;
    }

    /** The whole answer to the current request has been written to the client (or failed to be). */
    void exchangeEnded(ChannelFuture written) {
        FaultProxyExchange e = exchange;
        exchange = null;
        if (closed) {
            return;
        }
        if (!written.isSuccess() || e == null || e.closeAfter) {
            closed = true;
            closeOnFlush(inbound);
            return;
        }
        busy = false;
        pump();
    }

    /**
     * The upstream connection closed. A client still waiting for an answer that has not begun
     * gets a 502; one whose answer was cut short sees its connection close, the only honest
     * signal left; one whose answer is complete or the proxy's own gets it, then the close.
     */
    void backendClosed() {
        if (closed || !inbound.isActive()) {
            return;
        }
        FaultProxyExchange e = exchange;
        if (e == null) {
            closed = true;
            closeOnFlush(inbound);
        } else if (!e.forwarded || e.responseEnded) {
            e.closeAfter = true;
        } else if (!e.responseStarted) {
            answerAndClose(HttpResponseStatus.BAD_GATEWAY, "upstream " + context.upstream()
                    + " closed the connection before answering");
        } else {
            closed = true;
            closeOnFlush(inbound);
        }
    }

    /** Answers with the proxy's own error and closes; nothing after it is read. */
    private void answerAndClose(HttpResponseStatus status, String why) {
        closed = true;
        busy = true;
        releaseBacklog();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer("shadowgate proxy: " + why + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        inbound.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        releaseBacklog();
        if (exchange != null && exchange.trickle != null) {
            exchange.trickle.cancel();
        }
        if (outbound != null) {
            outbound.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Clients resetting or timing out is what this proxy provokes; not worth more than debug.
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void releaseBacklog() {
        Object msg;
        while ((msg = backlog.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Closes {@code ch} once everything written to it so far has been flushed. */
    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
