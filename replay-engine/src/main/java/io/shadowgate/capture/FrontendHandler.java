package io.shadowgate.capture;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.netty.SocketErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one proxied connection, after Netty's HexDumpProxyFrontendHandler: opens
 * one upstream connection on this channel's event loop when the client connects, forwards
 * each request piece as it is decoded, and reads the next piece only once the previous one is
 * written upstream ({@code AUTO_READ} is off), so a fast client cannot outrun a slow upstream.
 * One instance per client connection; everything runs on its event loop, the backend half
 * included, so nothing here is locked.
 *
 * <p>When the upstream cannot be reached, each request is read whole and answered 502 by the
 * proxy, and the connection closed; such exchanges are not recorded (the response is the
 * proxy's, not the service's) but counted as incomplete.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final CaptureContext context;
    /** Exchanges whose response has not ended, oldest first (HTTP/1.1 answers in request order). */
    private final ArrayDeque<ProxiedExchange> exchanges = new ArrayDeque<>();
    private Channel inbound;
    private Channel outbound;
    /** The exchange whose request is still being read, or null between requests. */
    private ProxiedExchange reading;
    /** Why the upstream could not be reached, or null. */
    private String unreachable;

    FrontendHandler(CaptureContext context) {
        this.context = context;
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
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CaptureOptions.CONNECT_TIMEOUT.toMillis())
                .handler(new BackendInitializer(this, inbound))
                .connect(upstream.host(), upstream.port());
        outbound = connected.channel();
        connected.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                unreachable = connectFailure(f.cause());
                log.debug("upstream {} unreachable for client {}: {}", upstream, inbound.remoteAddress(), unreachable);
            }
            // The first request: forwarded, or read and answered 502.
            inbound.read();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            malformed(object.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpRequest request) {
            reading = context.begin(request);
            exchanges.addLast(reading);
            HopByHop.strip(request.headers());
            request.headers().set(HttpHeaderNames.HOST, context.upstream().authority());
        }
        if (msg instanceof HttpContent content && reading != null) {
            reading.requestContent(content);
        }
        boolean last = msg instanceof LastHttpContent;
        if (last) {
            reading = null;
        }
        if (unreachable != null) {
            ReferenceCountUtil.release(msg);
            if (last) {
                answerAndClose(HttpResponseStatus.BAD_GATEWAY, "upstream " + context.upstream() + " unreachable: " + unreachable);
            } else {
                inbound.read();
            }
            return;
        }
        outbound.write(msg).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                inbound.read();
            } else {
                // The upstream connection is broken; its close answers the client (see backendClosed).
                f.channel().close();
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (outbound != null && unreachable == null) {
            outbound.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abandonAll();
        if (outbound != null) {
            closeOnFlush(outbound);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        closeOnFlush(ctx.channel());
    }

    /** The exchange the next response from the upstream belongs to, or null if none is waiting. */
    ProxiedExchange awaitingResponse() {
        return exchanges.peekFirst();
    }

    /** The whole response of {@code exchange}, the oldest waiting, has arrived from the upstream. */
    void responseEnded(ProxiedExchange exchange, long endNanos) {
        exchanges.pollFirst();
        context.complete(exchange, endNanos);
    }

    boolean draining() {
        return context.draining();
    }

    /**
     * The upstream connection closed. A client still waiting for a response it has not begun
     * to receive gets a 502; one whose response was cut short sees its connection close, the
     * only honest signal left. Either way this client connection ends with it.
     */
    void backendClosed() {
        if (unreachable != null || !inbound.isActive()) {
            abandonAll();
            return;
        }
        ProxiedExchange first = exchanges.peekFirst();
        if (first != null && !first.responseStarted()) {
            answerAndClose(HttpResponseStatus.BAD_GATEWAY, "upstream " + context.upstream()
                    + " closed the connection before answering");
        } else {
            abandonAll();
            closeOnFlush(inbound);
        }
    }

    /** Why a connect failed, without the native transport's "connect(..) failed with error(-111): " prefix. */
    private static String connectFailure(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause == null ? "connection failed" : cause.getClass().getSimpleName();
        }
        return SocketErrors.withoutNativePrefix(message);
    }

    /** Closes {@code ch} once everything written to it so far has been flushed. */
    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void malformed(Throwable cause) {
        // A 400 can only be sent when no earlier request still waits for its answer: it would take its place.
        boolean onlyThisOne = exchanges.isEmpty() || (exchanges.size() == 1 && exchanges.peekFirst() == reading
                && !reading.responseStarted());
        log.debug("malformed request from {}: {}", inbound.remoteAddress(), String.valueOf(cause));
        if (onlyThisOne) {
            answerAndClose(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + cause.getMessage());
        } else {
            abandonAll();
            closeOnFlush(inbound);
        }
    }

    /** Answers the oldest waiting request with the proxy's own error and closes; the rest are abandoned. */
    private void answerAndClose(HttpResponseStatus status, String why) {
        abandonAll();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer("shadowgate capture: " + why + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        inbound.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void abandonAll() {
        ProxiedExchange e;
        while ((e = exchanges.pollFirst()) != null) {
            context.abandon(e);
        }
        reading = null;
    }
}
