package io.shadowgate.replay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The last handler of a client connection: hands each whole response ({@link ResponseDecoder}
 * reads them), or the loss of the connection, to the exchange in flight on it. One instance per
 * connection; event-loop only.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionPool pool;
    private final ResponseDecoder decoder;
    private final boolean keepBodies;
    private Exchange current;
    /** Closes the connection unless the response of a timed-out exchange arrives first; null if none is owed. */
    private ScheduledFuture<?> owed;

    /** @param decoder the connection's decoder, told which request each response answers */
    ResponseHandler(ConnectionPool pool, ResponseDecoder decoder, boolean keepBodies) {
        this.pool = pool;
        this.decoder = decoder;
        this.keepBodies = keepBodies;
    }

    void inFlight(Exchange exchange) {
        this.current = exchange;
        decoder.answering(exchange.request.method());
    }

    /**
     * Forgets the exchange in flight (it timed out): its response, when it comes, is dropped and
     * the connection goes back to the pool; {@code closer} closes it if the response never comes.
     */
    void abandon(ScheduledFuture<?> closer) {
        this.current = null;
        this.owed = closer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedResponse response) {
            complete(ctx, response);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void complete(ChannelHandlerContext ctx, DecodedResponse response) {
        ResponseHead head = response.head();
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.end(OutcomeKind.RESPONSE, head.status(),
                    keepBodies ? new ResponseContent(head.headers(), response.body()) : ResponseContent.NONE,
                    head.statedNanos());
        } else if (owed != null) {
            // The late answer to a request that already timed out: dropped, the connection is in step again.
            owed.cancel(false);
            owed = null;
        } else {
            // A response to no request at all: the connection is out of step.
            ctx.close();
            return;
        }
        if (head.keepAlive()) {
            pool.release(ctx.channel());
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.end(OutcomeKind.CONNECTION_ERROR, 0, ResponseContent.NONE);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and other errors: the exchange ends as a connection error when the channel closes.
        ctx.close();
    }
}
