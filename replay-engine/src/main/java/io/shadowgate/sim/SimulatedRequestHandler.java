package io.shadowgate.sim;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
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
 * instance per channel, used only on that channel's event loop, so its state needs no locks;
 * the one thing it shares, the server's {@link ServiceQueue}, locks itself.
 *
 * <p>Delays are timers on the event loop, never sleeps. Responses leave in request order even
 * when a later one is due first, because HTTP/1.1 pipelining requires it: each waits in a queue
 * until it is due and everything ahead of it has been written. So a hung request holds back
 * the answers pipelined behind it, and a trickling body those after it, as on a real server.
 *
 * <p>Faults, by request: a {@code hang} is queued but never due, and dropped with the rest of
 * the queue when the client gives up and closes; a {@code reset} resets the connection when its
 * answer would have been written; {@code errors} replace the answer with the fault's status;
 * {@code slow} adds to the service time (so under a concurrency limit it also holds its slot
 * longer); {@code slow-body} writes the headers when due and spreads the body over its
 * {@code add}. Stalls hold every write due inside them.
 */
final class SimulatedRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(SimulatedRequestHandler.class);

    private final ModelApi api;
    private final BehaviourModel behaviour;
    private final FaultPlan faults;
    private final ServiceQueue service;
    private final FaultClock faultClock;
    private final SplittableRandom rng;
    /** The deterministic-latency mode's per-request draws, or null outside that mode. */
    private final StatedLatency stated;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Set once a request asked to close; later pipelined requests are not answered (RFC 9112 9.6). */
    private boolean closing;
    /** The body being written slowly, or null; the answers behind it wait until it is done. */
    private BodyTrickle trickling;

    SimulatedRequestHandler(ModelApi api, BehaviourModel behaviour, FaultPlan faults, ServiceQueue service,
                            FaultClock faultClock, SplittableRandom rng, StatedLatency stated) {
        this.stated = stated;
        this.api = api;
        this.behaviour = behaviour;
        this.faults = faults;
        this.service = service;
        this.faultClock = faultClock;
        this.rng = rng;
    }

    /** A decided response waiting for its write time and for those ahead of it. */
    private static final class Pending {
        final SimulatedResponse response;
        final HttpVersion version;
        final boolean keepAlive;
        final FaultEffect fault;
        /** The latency stated in the deterministic-latency mode, µs, or -1. */
        long statedMicros = -1;
        boolean due;
        ScheduledFuture<?> timer;

        Pending(SimulatedResponse response, HttpVersion version, boolean keepAlive, FaultEffect fault) {
            this.response = response;
            this.version = version;
            this.keepAlive = keepAlive;
            this.fault = fault;
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
        long originNanos = faultClock.originNanos();
        FaultEffect fault = faults.requests().draw(arrivalNanos - originNanos, rng,
                decoded && RequestFaults.errorsApply(method, request.uri()));
        if (fault.hang()) {
            // Never due; it takes no service slot, as the server never works on it.
            queue.add(new Pending(null, request.protocolVersion(), keepAlive, fault));
            return;
        }
        SplittableRandom draws = stated == null ? rng : stated.generator(request.headers(), rng);
        BehaviourModel.Decision decision = behaviour.decide(draws, decoded && api.isPredict(method, request.uri()));
        SimulatedResponse response;
        if (!decoded) {
            response = api.malformed(describe(request.decoderResult().cause()));
        } else if (fault.injectsError()) {
            response = api.injectedError(fault.errorStatus());
        } else if (decision.injectError()) {
            response = api.injectedError(behaviour.errorStatus());
        } else {
            response = api.respond(method, request.uri(), request.headers().get(ModelApi.REQUEST_ID_HEADER),
                    ByteBufUtil.getBytes(request.content()));
        }

        Pending pending = new Pending(response, request.protocolVersion(), keepAlive, fault);
        queue.add(pending);
        if (stated != null) {
            // Stated, not waited: the answer leaves at once and says what it stands for.
            pending.statedMicros = decision.delayNanos() / 1_000;
            pending.due = true;
            drain(ctx);
            return;
        }
        long serviceNanos = Nanos.add(decision.delayNanos(), fault.addedNanos());
        long finishNanos = service.finishNanos(arrivalNanos, serviceNanos);
        long writeNanos = originNanos + faults.stalls().releaseNanos(finishNanos - originNanos);
        long delay = writeNanos - System.nanoTime();
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
        while (trickling == null && !queue.isEmpty() && queue.peek().due) {
            Pending next = queue.poll();
            if (next.fault.reset()) {
                // The answers written before it leave first; then the connection is cut.
                cancelPending();
                ctx.flush();
                ConnectionReset.reset(ctx.channel());
                return;
            }
            wrote = true;
            if (next.fault.trickleNanos() > 0) {
                ctx.write(head(next));
                trickling = BodyTrickle.start(ctx, ctx.executor(), next.response.body(), null, System.nanoTime(),
                        next.fault.trickleNanos(), done -> trickled(ctx, next, done));
                break;
            }
            ChannelFuture written = ctx.write(toHttp(next));
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

    /** A slow body is complete: the answers behind it may go, or the connection closes. */
    private void trickled(ChannelHandlerContext ctx, Pending pending, ChannelFuture written) {
        trickling = null;
        if (!written.isSuccess() || !pending.keepAlive) {
            cancelPending();
            ctx.close();
            return;
        }
        drain(ctx);
    }

    private FullHttpResponse toHttp(Pending pending) {
        SimulatedResponse r = pending.response;
        FullHttpResponse http = new DefaultFullHttpResponse(
                pending.version, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        setHeaders(http.headers(), pending);
        return http;
    }

    /** The headers alone, for a body that follows in pieces. */
    private HttpResponse head(Pending pending) {
        HttpResponse http = new DefaultHttpResponse(pending.version, HttpResponseStatus.valueOf(pending.response.status()));
        setHeaders(http.headers(), pending);
        return http;
    }

    private void setHeaders(HttpHeaders headers, Pending pending) {
        SimulatedResponse r = pending.response;
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        headers.set(ModelApi.MODEL_VERSION_HEADER, api.version());
        if (pending.statedMicros >= 0) {
            headers.set(StatedLatency.HEADER, pending.statedMicros);
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        // Keep-alive is said even where HTTP/1.1 implies it, as nginx and Apache say it: clients
        // meet the header they meet in production (Shadowgate's own warm-up included: a response
        // path compiled without it was thrown away at the first real answer carrying it).
        headers.set(HttpHeaderNames.CONNECTION, pending.keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
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
        // Timers of a closed connection would only wake the loop to find nothing to do; hung
        // requests, never due, leave with the queue.
        cancelPending();
        if (trickling != null) {
            trickling.cancel();
            trickling = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Clients resetting connections is routine under replay; not worth more than debug.
        log.debug("closing simulated-server connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
