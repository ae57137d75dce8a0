package io.shadowgate.replay;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.shadowgate.traffic.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last handler of a client connection: hands each complete response, or the loss of the
 * connection, to the exchange in flight on it. One instance per connection; event-loop only.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    private final ConnectionPool pool;
    private final boolean keepBodies;
    private Exchange current;

    ResponseHandler(ConnectionPool pool, boolean keepBodies) {
        this.pool = pool;
        this.keepBodies = keepBodies;
    }

    void inFlight(Exchange exchange) {
        this.current = exchange;
    }

    /** Forgets the exchange in flight (it timed out) so closing the channel does not end it twice. */
    void abandon() {
        this.current = null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        int status = response.status().code();
        if (status >= 100 && status < 200 && status != 101) {
            // An interim response (100 Continue, 103 Early Hints): the final one is still to come.
            return;
        }
        Exchange exchange = current;
        current = null;
        if (exchange == null) {
            // A response nobody is waiting for (its exchange timed out): the connection is out of step.
            ctx.close();
            return;
        }
        exchange.end(OutcomeKind.RESPONSE, response.status().code(), keepBodies ? content(response) : ResponseContent.NONE);
        if (HttpUtil.isKeepAlive(response)) {
            pool.release(ctx.channel());
        } else {
            ctx.close();
        }
    }

    private static ResponseContent content(FullHttpResponse response) {
        List<Header> headers = new ArrayList<>(response.headers().size());
        for (Map.Entry<String, String> h : response.headers()) {
            headers.add(new Header(h.getKey(), h.getValue()));
        }
        return new ResponseContent(List.copyOf(headers), ByteBufUtil.getBytes(response.content()));
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
        // Decoding errors, resets: the exchange ends as a connection error when the channel closes.
        ctx.close();
    }
}
