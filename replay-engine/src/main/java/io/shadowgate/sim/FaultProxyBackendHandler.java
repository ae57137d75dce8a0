package io.shadowgate.sim;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.shadowgate.capture.HopByHop;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of one connection through the fault proxy, after Netty's
 * HexDumpProxyBackendHandler: relays each piece of the answer to the client in order, and reads
 * more from the upstream only once everything read so far is written. Runs on the client
 * connection's event loop, like its {@link FaultProxyFrontendHandler}, which owns the exchange.
 *
 * <p>A piece due inside a stall is held until the stall ends, and everything behind it with it.
 * For a request hit by {@code slow-body}, the headers are relayed as they come, the body is
 * collected whole and then written in pieces spread over {@code add} from when the headers
 * left (see {@link BodyTrickle}): the client must not hold the whole body before {@code add}
 * has passed, and a model service's answers are small enough to hold.
 */
final class FaultProxyBackendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FaultProxyBackendHandler.class);

    /**
     * A piece of an answer on its way to the client: {@code ends} if it completes the exchange;
     * {@code slowHead} and {@code slowBody} if it is the head or a body piece of a slow-body answer.
     */
    private record Piece(Object msg, FaultProxyExchange exchange, boolean ends, boolean slowHead, boolean slowBody) {
    }

    private final FaultProxyFrontendHandler frontend;
    private final Channel inbound;
    private final FaultProxyContext context;
    /** Pieces not yet written, oldest first: one read can decode several, and a stall holds them all. */
    private final ArrayDeque<Piece> toClient = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** A write, a stall hold or a body trickle is in progress; the next piece waits for it. */
    private boolean writing;
    private boolean pumping;
    /** An interim (1xx) response is being relayed; its end is not the exchange's end. */
    private boolean interim;

    FaultProxyBackendHandler(FaultProxyFrontendHandler frontend, Channel inbound, FaultProxyContext context) {
        this.frontend = frontend;
        this.inbound = inbound;
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FaultProxyExchange exchange = frontend.awaitingResponse();
        if (exchange == null || (msg instanceof HttpObject object && object.decoderResult().isFailure())) {
            // An answer nobody asked for, or not HTTP: this connection cannot be trusted any more.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        // The exchange's state follows what has arrived, so that an upstream closing right after
        // a complete answer still lets the client have it, however long a stall holds it.
        boolean slowHead = false;
        if (msg instanceof HttpResponse response) {
            interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!interim) {
                exchange.responseStarted = true;
                exchange.closeAfter |= !HttpUtil.isKeepAlive(response);
            }
            HopByHop.strip(response.headers());
            if (!interim) {
                HttpUtil.setKeepAlive(response, !exchange.closeAfter);
                if (exchange.fault.trickleNanos() > 0) {
                    exchange.slowBody = new ByteArrayOutputStream();
                    slowHead = true;
                }
            }
        }
        // The decoder sends heads and body pieces as separate messages, never a full response.
        boolean slowBody = msg instanceof HttpContent && !interim && exchange.slowBody != null;
        boolean ends = msg instanceof LastHttpContent && !interim;
        if (msg instanceof LastHttpContent) {
            interim = false;
        }
        if (ends) {
            exchange.responseEnded = true;
        }
        toClient.add(new Piece(msg, exchange, ends, slowHead, slowBody));
        pump();
    }

    /** Writes what can be written now, in order; reads more from the upstream once all is written. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!writing && !toClient.isEmpty()) {
                Piece next = toClient.peek();
                if (next.slowBody) {
                    toClient.poll();
                    collect(next, (HttpContent) next.msg);
                    continue;
                }
                long hold = stallHoldNanos();
                if (hold > 0) {
                    writing = true;
                    inbound.eventLoop().schedule(() -> {
                        writing = false;
                        pump();
                    }, hold, TimeUnit.NANOSECONDS);
                    break;
                }
                toClient.poll();
                writing = true;
                inbound.writeAndFlush(next.msg).addListener((ChannelFuture f) -> written(next, f));
            }
            if (!writing && toClient.isEmpty()) {
                ctx.read();
            }
        } finally {
            pumping = false;
        }
    }

    private void written(Piece piece, ChannelFuture written) {
        writing = false;
        if (!written.isSuccess()) {
            // The client connection is gone; its close takes care of the exchange.
            releaseAll();
            ctx.close();
            return;
        }
        if (piece.slowHead) {
            piece.exchange.headWrittenNanos = System.nanoTime();
        }
        if (piece.ends) {
            frontend.exchangeEnded(written);
        }
        pump();
    }

    /** A piece of a slow body: kept until the body is whole, which then trickles to the client. */
    private void collect(Piece piece, HttpContent content) {
        FaultProxyExchange exchange = piece.exchange;
        try {
            exchange.slowBody.writeBytes(ByteBufUtil.getBytes(content.content()));
            if (piece.ends) {
                exchange.trailers = ((LastHttpContent) content).trailingHeaders().copy();
            }
        } finally {
            content.release();
        }
        if (piece.ends) {
            writing = true;
            exchange.trickle = BodyTrickle.start(inbound, inbound.eventLoop(), exchange.slowBody.toByteArray(),
                    exchange.trailers, exchange.headWrittenNanos, exchange.fault.trickleNanos(), f -> {
                        writing = false;
                        frontend.exchangeEnded(f);
                        pump();
                    });
        }
    }

    /** How long from now the stall in progress, if any, holds a write. */
    private long stallHoldNanos() {
        long now = System.nanoTime() - context.clock().originNanos();
        return context.faults().stalls().releaseNanos(now) - now;
    }

    private void releaseAll() {
        Piece p;
        while ((p = toClient.poll()) != null) {
            ReferenceCountUtil.release(p.msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Pieces still queued go on to the client if it is there; a failed write releases the rest.
        if (!inbound.isActive()) {
            releaseAll();
        }
        frontend.backendClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("upstream connection for client {} failed: {}", inbound.remoteAddress(), cause.toString());
        ctx.close();
    }
}
