package io.shadowgate.replay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.shadowgate.traffic.Header;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last handler of a client connection: hands each complete response, or the loss of the
 * connection, to the exchange in flight on it. One instance per connection; event-loop only.
 *
 * <p>It reads the decoder's parts itself rather than behind an {@code HttpObjectAggregator}:
 * when bodies are not compared it needs only the status and the end of the message, and when
 * they are, it copies them straight into the array the comparison keeps. The aggregator's
 * composite buffers cost 4 % of the event loops at saturation for bytes most runs throw away.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private final ConnectionPool pool;
    private final boolean keepBodies;
    private final int maxBodyBytes;
    /** The deterministic-latency mode: read the stated latency from each response (see {@link ReplayOptions#statedLatency()}). */
    private final boolean statedLatency;
    private Exchange current;
    /** Closes the connection unless the response of a timed-out exchange arrives first; null if none is owed. */
    private ScheduledFuture<?> owed;
    /** The head of the response being read, or null between responses. */
    private HttpResponse head;
    /** An interim response (100 Continue, 103 Early Hints) is being read: the final one is still to come. */
    private boolean interim;
    private ByteArrayOutputStream body;

    ResponseHandler(ConnectionPool pool, boolean keepBodies, int maxBodyBytes, boolean statedLatency) {
        this.pool = pool;
        this.statedLatency = statedLatency;
        this.keepBodies = keepBodies;
        this.maxBodyBytes = maxBodyBytes;
    }

    void inFlight(Exchange exchange) {
        this.current = exchange;
    }

    /**
     * Forgets the exchange in flight (it timed out): its response, when it comes, is dropped and
     * the connection goes back to the pool; {@code closer} closes it if the response never comes.
     */
    void abandon(ScheduledFuture<?> closer) {
        this.current = null;
        this.owed = closer;
    }

    /**
     * Netty's response decoder sends the head of almost every response as a
     * {@link DefaultHttpResponse} and its body as one {@link DefaultLastHttpContent}: those two
     * exact classes are compared first, so that telling the parts apart costs two class
     * comparisons. Asking {@code instanceof HttpResponse}, {@code HttpContent},
     * {@code LastHttpContent} of each part (and {@code SimpleChannelInboundHandler}'s
     * {@code HttpObject} match before them) scans the part's list of interfaces whenever the
     * answer is not the last one found for its class: 3 % of a saturated event loop's profile
     * (bench/README.md, "Closing in").
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Class<?> type = msg.getClass();
        if (type == DefaultHttpResponse.class) {
            read(ctx, (DefaultHttpResponse) msg, (DefaultHttpResponse) msg, null, false); // holds no buffer
        } else if (type == DefaultLastHttpContent.class) {
            DefaultLastHttpContent last = (DefaultLastHttpContent) msg;
            try {
                read(ctx, last, null, last, true);
            } finally {
                last.release();
            }
        } else if (msg instanceof HttpObject part) {
            try {
                read(ctx, part, part instanceof HttpResponse r ? r : null, part instanceof HttpContent c ? c : null,
                        part instanceof LastHttpContent);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** One part of a response: its head ({@code response}), a piece of its body ({@code content}), or both. */
    private void read(ChannelHandlerContext ctx, HttpObject part, HttpResponse response, HttpContent content,
                      boolean last) {
        if (part.decoderResult().isFailure()) {
            // Not HTTP the decoder can read: the exchange ends as a connection error when the channel closes.
            ctx.close();
            return;
        }
        if (response != null) {
            int status = response.status().code();
            interim = status >= 100 && status < 200 && status != 101;
            head = interim ? null : response;
        }
        if (content == null || interim) {
            if (last) {
                interim = false;
            }
            return;
        }
        byte[] whole = collect(ctx, content, last);
        if (last && head != null) {
            complete(ctx, whole);
        }
    }

    /** Keeps the body's bytes if asked to; returns the whole body when this part is the only one. */
    private byte[] collect(ChannelHandlerContext ctx, HttpContent content, boolean last) {
        ByteBuf bytes = content.content();
        if (!keepBodies || !bytes.isReadable()) {
            return null;
        }
        if (body == null && last) {
            return ByteBufUtil.getBytes(bytes);
        }
        if (body == null) {
            body = new ByteArrayOutputStream(Math.max(256, bytes.readableBytes() * 2));
        }
        if (body.size() + bytes.readableBytes() > maxBodyBytes) {
            ctx.close();
            return null;
        }
        body.writeBytes(ByteBufUtil.getBytes(bytes));
        return null;
    }

    /**
     * The latency the target stated, in nanoseconds; -1 (the clock's) when it stated none or
     * something that is not a count of microseconds.
     */
    static long statedNanos(HttpResponse response) {
        String value = response.headers().get(ReplayOptions.STATED_LATENCY_HEADER);
        if (value == null) {
            return -1;
        }
        try {
            long micros = Long.parseLong(value.trim());
            return micros < 0 || micros > Long.MAX_VALUE / 1_000 ? -1 : micros * 1_000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void complete(ChannelHandlerContext ctx, byte[] whole) {
        HttpResponse response = head;
        byte[] bytes = whole != null ? whole : body != null ? body.toByteArray() : new byte[0];
        head = null;
        body = null;
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.end(OutcomeKind.RESPONSE, response.status().code(),
                    keepBodies ? content(response, bytes) : ResponseContent.NONE,
                    statedLatency ? statedNanos(response) : -1);
        } else if (owed != null) {
            // The late answer to a request that already timed out: dropped, the connection is in step again.
            owed.cancel(false);
            owed = null;
        } else {
            // A response to no request at all: the connection is out of step.
            ctx.close();
            return;
        }
        if (HttpUtil.isKeepAlive(response)) {
            pool.release(ctx.channel());
        } else {
            ctx.close();
        }
    }

    private static ResponseContent content(HttpResponse response, byte[] body) {
        List<Header> headers = new ArrayList<>(response.headers().size());
        for (Map.Entry<String, String> h : response.headers()) {
            headers.add(new Header(h.getKey(), h.getValue()));
        }
        return new ResponseContent(List.copyOf(headers), body);
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
