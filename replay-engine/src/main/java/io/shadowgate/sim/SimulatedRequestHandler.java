package io.shadowgate.sim;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Answers the requests of one connection after the delay its behaviour profile draws. One
 * instance per channel, used only on that channel's event loop, so its state needs no locks.
 *
 * <p>Delays are timers on the event loop, never sleeps. Responses leave in request order even
 * when a later one is due first, because HTTP/1.1 pipelining requires it: each waits in a queue
 * until it is due and everything ahead of it has been written.
 */
final class SimulatedRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(SimulatedRequestHandler.class);

    private final ModelApi api;
    private final BehaviourModel behaviour;
    private final FaultPlan faults;
    private final FaultClock faultClock;
    private final SplittableRandom rng;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Set once a request asked to close; later pipelined requests are not answered (RFC 9112 9.6). */
    private boolean closing;

    SimulatedRequestHandler(ModelApi api, BehaviourModel behaviour, FaultPlan faults,
                            FaultClock faultClock, SplittableRandom rng) {
        this.api = api;
        this.behaviour = behaviour;
        this.faults = faults;
        this.faultClock = faultClock;
        this.rng = rng;
    }

    /** A decided response waiting for its write time and for those ahead of it. */
    private static final class Pending {
        final SimulatedResponse response;
        final HttpVersion version;
        final boolean keepAlive;
        boolean due;
        ScheduledFuture<?> timer;

        Pending(SimulatedResponse response, HttpVersion version, boolean keepAlive) {
            this.response = response;
            this.version = version;
            this.keepAlive = keepAlive;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            return;
        }
        long arrivalNanos = System.nanoTime();
        boolean decoded = request.decoderResult().isSuccess();
        boolean keepAlive = decoded && HttpUtil.isKeepAlive(request);
        closing = !keepAlive;

        String method = request.method().name();
        BehaviourModel.Decision decision = behaviour.decide(rng, decoded && api.isPredict(method, request.uri()));
        SimulatedResponse response;
        if (!decoded) {
            response = api.malformed(describe(request.decoderResult().cause()));
        } else if (decision.injectError()) {
            response = api.injectedError(behaviour.errorStatus());
        } else {
            response = api.respond(method, request.uri(), request.headers().get(ModelApi.REQUEST_ID_HEADER),
                    ByteBufUtil.getBytes(request.content()));
        }

        Pending pending = new Pending(response, request.protocolVersion(), keepAlive);
        queue.add(pending);
        long startNanos = faultClock.originNanos();
        long writeSinceStart = faults.writeNanos(arrivalNanos - startNanos, decision.delayNanos());
        long delay = writeSinceStart - (System.nanoTime() - startNanos);
        if (delay <= 0) {
            pending.due = true;
            drain(ctx);
        } else {
            pending.timer = ctx.executor().schedule(() -> {
                pending.due = true;
                drain(ctx);
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes every due response at the head of the queue, then flushes once. */
    private void drain(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean wrote = false;
        while (!queue.isEmpty() && queue.peek().due) {
            Pending next = queue.poll();
            ChannelFuture written = ctx.write(toHttp(next));
            wrote = true;
            if (!next.keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
                cancelPending();
                break;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private FullHttpResponse toHttp(Pending pending) {
        SimulatedResponse r = pending.response;
        FullHttpResponse http = new DefaultFullHttpResponse(
                pending.version, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        HttpHeaders headers = http.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        headers.set(ModelApi.MODEL_VERSION_HEADER, api.version());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        if (!pending.keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (pending.version.equals(HttpVersion.HTTP_1_0)) {
            // HTTP/1.0 closes by default; say so when the client asked to keep the connection.
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return http;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unparseable request";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void cancelPending() {
        for (Pending p : queue) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
        }
        queue.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Timers of a closed connection would only wake the loop to find nothing to do.
        cancelPending();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Clients resetting connections is routine under replay; not worth more than debug.
        log.debug("closing simulated-server connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
