package io.shadowgate.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The body of one response written in pieces spread evenly over a span that starts when its
 * headers were written, so the client holds the whole body only once the span is over: the
 * {@code slow-body} fault. Piece {@code i} of {@code k} leaves at {@code head + span * i / k};
 * the last one ends the message. The headers must frame the body (Content-Length or chunked),
 * as the pieces are plain HTTP content. Used on its channel's event loop only.
 */
final class BodyTrickle {

    /** Enough pieces for a client to see a body arrive bit by bit, few enough to stay cheap. */
    static final int MAX_PIECES = 4;

    private final List<ScheduledFuture<?>> timers = new ArrayList<>(MAX_PIECES);

    private BodyTrickle() {
    }

    /**
     * Schedules the pieces of {@code body} and, with the last one, {@code trailers} (may be null).
     *
     * @param out        where to write: the channel, or the context of the handler that writes
     * @param loop       the channel's event loop
     * @param headNanos  when the headers were written ({@link System#nanoTime()})
     * @param spanNanos  how long after the headers the body is complete
     * @param whenDone   told when the last piece has been written, or failed to be
     */
    static BodyTrickle start(ChannelOutboundInvoker out, EventExecutor loop, byte[] body, HttpHeaders trailers,
                             long headNanos, long spanNanos, ChannelFutureListener whenDone) {
        BodyTrickle trickle = new BodyTrickle();
        int pieces = Math.max(1, Math.min(MAX_PIECES, body.length));
        for (int i = 1; i <= pieces; i++) {
            int from = (int) ((long) body.length * (i - 1) / pieces);
            int to = (int) ((long) body.length * i / pieces);
            boolean last = i == pieces;
            long dueNanos = headNanos + (long) ((double) spanNanos * i / pieces);
            long delay = Math.max(0, dueNanos - System.nanoTime());
            // Timers with equal deadlines run in the order they were set, so pieces keep their order.
            trickle.timers.add(loop.schedule(() -> {
                if (!last) {
                    out.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, from, to - from)));
                    return;
                }
                LastHttpContent end = new DefaultLastHttpContent(Unpooled.wrappedBuffer(body, from, to - from));
                if (trailers != null) {
                    end.trailingHeaders().set(trailers);
                }
                out.writeAndFlush(end).addListener(whenDone);
            }, delay, TimeUnit.NANOSECONDS));
        }
        return trickle;
    }

    /** Drops the pieces not yet written (the connection closed); {@code whenDone} is not told. */
    void cancel() {
        timers.forEach(t -> t.cancel(false));
    }
}
