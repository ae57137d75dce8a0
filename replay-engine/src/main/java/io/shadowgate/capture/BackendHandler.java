package io.shadowgate.capture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of one proxied connection, after Netty's HexDumpProxyBackendHandler:
 * relays each response piece to the client as it is decoded and reads the next piece only once
 * the previous one is written to the client. Runs on the client connection's event loop, like
 * its {@link FrontendHandler}, which owns the exchanges it answers.
 *
 * <p>Interim (1xx) responses are relayed but do not end an exchange. When the client or the
 * upstream wants the connection closed after a response, the client connection is closed once
 * it has been written, and the upstream connection with it.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(BackendHandler.class);

    private final FrontendHandler frontend;
    private final Channel inbound;
    /** An interim response is being relayed; its end is not the exchange's end. */
    private boolean interim;

    BackendHandler(FrontendHandler frontend, Channel inbound) {
        this.frontend = frontend;
        this.inbound = inbound;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ProxiedExchange exchange = frontend.awaitingResponse();
        if (exchange == null || (msg instanceof HttpObject object && object.decoderResult().isFailure())) {
            // A response nobody asked for, or not HTTP: this connection cannot be trusted any more.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!interim) {
                exchange.responseHead(response, frontend.draining());
            }
            HopByHop.strip(response.headers());
            if (!interim) {
                HttpUtil.setKeepAlive(response, !exchange.closeAfter());
            }
        }
        boolean ends = msg instanceof LastHttpContent && !interim;
        if (msg instanceof HttpContent content && !interim) {
            exchange.responseContent(content);
        }
        if (msg instanceof LastHttpContent) {
            interim = false;
        }
        ChannelFuture written = inbound.write(msg);
        if (ends) {
            frontend.responseEnded(exchange, System.nanoTime());
            if (exchange.closeAfter()) {
                // Closing the client connection closes this one too (FrontendHandler.channelInactive).
                written.addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        written.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inbound.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        frontend.backendClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("upstream connection for client {} failed: {}", inbound.remoteAddress(), cause.toString());
        ctx.close();
    }
}
