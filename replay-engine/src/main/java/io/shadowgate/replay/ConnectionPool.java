package io.shadowgate.replay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.shadowgate.netty.SocketErrors;
import io.shadowgate.netty.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive HTTP/1.1 connections to one target, owned by one event loop: every method runs
 * on that loop, so the pool needs no locks. One request per connection at a time (no
 * pipelining); requests beyond {@code max} connections wait in arrival order, and their
 * latency still counts from their intended send instant.
 */
final class ConnectionPool {

    /** Responses larger than this end as connection errors; model APIs answer far less. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final EventLoop loop;
    private final InetSocketAddress address;
    private final TargetRequests requests;
    private final int max;
    private final long requestTimeoutNanos;
    private final boolean keepBodies;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    /**
     * Every exchange not yet ended, in submission order, which is intended-send order and so
     * deadline order: one timer at the oldest deadline serves them all. A timer per exchange
     * (and its cancellation) cost 7 % of the event loops' time at saturation, mostly in the
     * scheduled-task heap.
     */
    private final ArrayDeque<Exchange> deadlines = new ArrayDeque<>();
    private ScheduledFuture<?> timer;
    private int open;
    /** How this target's requests left (see {@link TargetSends}); event loop only, read through {@link #sends}. */
    private long sent;
    private long waited;
    private long lastSentNanos = Long.MIN_VALUE;

    ConnectionPool(EventLoop loop, Transport transport, TargetEndpoint endpoint, int max, ReplayOptions options) {
        this.loop = loop;
        URI target = endpoint.address();
        int port = target.getPort() > 0 ? target.getPort() : 80;
        this.address = InetSocketAddress.createUnresolved(target.getHost(), port);
        this.requests = new TargetRequests(endpoint.host() != null ? endpoint.host()
                : target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : ""), endpoint.headers());
        this.max = max;
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.keepBodies = options.keepBodies();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ResponseDecoder decoder = new ResponseDecoder(keepBodies, MAX_RESPONSE_BYTES, options.statedLatency());
                        // Requests go out already encoded (TargetRequests.encode): no encoder in the pipeline.
                        ch.pipeline()
                                .addLast("decoder", decoder)
                                .addLast("response", new ResponseHandler(ConnectionPool.this, decoder, keepBodies));
                    }
                });
    }

    EventLoop loop() {
        return loop;
    }

    /** Sends {@code exchange} on a free connection, or queues it; event loop only. */
    void submit(Exchange exchange) {
        exchange.trackedBy(this);
        deadlines.addLast(exchange);
        if (timer == null) {
            armTimer(deadline(exchange));
        }
        Channel channel = idle.pollFirst();
        if (channel != null) {
            write(channel, exchange, false);
            return;
        }
        waiting.addLast(exchange);
        if (open < max) {
            connect();
        }
    }

    /** Opens {@code count} connections ahead of the schedule; succeeds when at least one opened. */
    Future<Integer> warmUp(int count, Duration connectTimeout) {
        Promise<Integer> done = loop.newPromise();
        loop.execute(() -> {
            int n = Math.min(count, max);
            if (n <= 0) {
                done.setSuccess(0);
                return;
            }
            AtomicInteger pending = new AtomicInteger(n);
            AtomicInteger ok = new AtomicInteger();
            String[] lastError = {"no connection attempt finished in " + connectTimeout.toMillis() + " ms"};
            for (int i = 0; i < n; i++) {
                connect().addListener(f -> {
                    if (f.isSuccess()) {
                        ok.incrementAndGet();
                    } else {
                        lastError[0] = describe(f.cause());
                    }
                    if (pending.decrementAndGet() == 0) {
                        if (ok.get() > 0) {
                            done.setSuccess(ok.get());
                        } else {
                            done.setFailure(new IllegalStateException(lastError[0]));
                        }
                    }
                });
            }
        });
        return done;
    }

    /** A connection finished its exchange and may serve the next; event loop only. */
    void release(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        Exchange next = nextWaiting();
        if (next != null) {
            write(channel, next, true);
        } else {
            idle.addFirst(channel);
        }
    }

    private ChannelFuture connect() {
        open++;
        ChannelFuture future = bootstrap.connect(resolvedAddress());
        future.addListener(f -> {
            if (f.isSuccess()) {
                Channel channel = future.channel();
                channel.closeFuture().addListener(c -> closed(channel));
                release(channel);
            } else {
                open--;
                // The attempt was made for the oldest waiting request; it ends here rather than
                // waiting for a connection that may never come.
                Exchange first = nextWaiting();
                if (first != null) {
                    first.end(OutcomeKind.CONNECTION_ERROR, 0, ResponseContent.NONE);
                }
            }
        });
        return future;
    }

    private InetSocketAddress resolvedAddress() {
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }

    private void closed(Channel channel) {
        open--;
        idle.remove(channel);
        if (!waiting.isEmpty() && open < max) {
            connect();
        }
    }

    private Exchange nextWaiting() {
        Exchange next;
        while ((next = waiting.pollFirst()) != null) {
            if (!next.ended()) {
                return next;
            }
        }
        return null;
    }

    /** @param waited whether {@code exchange} found no free connection when it was due and waited for this one */
    private void write(Channel channel, Exchange exchange, boolean waited) {
        ByteBuf bytes;
        try {
            bytes = requests.encode(exchange.request, channel.alloc());
        } catch (IllegalArgumentException e) {
            // It cannot be sent as it is (a space in the path, a bad header): not to this target,
            // and the connection stays usable for the next one.
            exchange.end(OutcomeKind.CONNECTION_ERROR, 0, ResponseContent.NONE);
            release(channel);
            return;
        }
        handler(channel).inFlight(exchange);
        long now = System.nanoTime();
        exchange.sentOn(channel, now);
        sent++;
        if (waited) {
            this.waited++;
        }
        lastSentNanos = now;
        // A failed write reaches ResponseHandler.exceptionCaught, which closes the connection;
        // the void promise spares a promise and a listener per request.
        channel.writeAndFlush(bytes, channel.voidPromise());
    }

    /** The handler of a connection this pool opened: the last in its pipeline (see the initializer). */
    private static ResponseHandler handler(Channel channel) {
        return (ResponseHandler) channel.pipeline().last();
    }

    /**
     * How this target's requests left this loop, the last send counted from {@code startNanos}.
     * Event loop only.
     */
    TargetSends sends(long startNanos) {
        return new TargetSends(sent, waited, sent == 0 ? -1 : lastSentNanos - startNanos);
    }

    /** An exchange of this pool ended: the ended ones at the head of the deadline queue go. */
    void ended() {
        Exchange head;
        while ((head = deadlines.peekFirst()) != null && head.ended()) {
            deadlines.pollFirst();
        }
    }

    private long deadline(Exchange exchange) {
        return exchange.intendedNanos + requestTimeoutNanos;
    }

    private void armTimer(long deadline) {
        timer = loop.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Times out every exchange past its deadline, then waits for the oldest one left. */
    private void expire() {
        timer = null;
        long now = System.nanoTime();
        Exchange head;
        while ((head = deadlines.peekFirst()) != null && deadline(head) - now <= 0) {
            deadlines.pollFirst();
            timeout(head);
        }
        ended();
        head = deadlines.peekFirst();
        if (head != null) {
            armTimer(deadline(head));
        }
    }

    /**
     * Ends {@code exchange} as a timeout. On a connection it leaves the connection to drain: the
     * late response is read and dropped, and then the connection serves the next request; only
     * if that response does not come within another request timeout is the connection closed.
     * Closing at once made a replay that fell more than a timeout behind its schedule (a busy
     * machine, a burst above capacity) never catch up: every request then left the queue with
     * almost no time, timed out, and cost a new connection, and throughput collapsed into
     * reconnecting (on two cores, from 80,000 requests/s to under 20,000).
     */
    private void timeout(Exchange exchange) {
        Channel channel = exchange.channel();
        exchange.end(OutcomeKind.TIMEOUT, 0, ResponseContent.NONE);
        if (channel != null) {
            ResponseHandler handler = channel.pipeline().get(ResponseHandler.class);
            if (handler == null) {
                channel.close();
                return;
            }
            handler.abandon(loop.schedule(() -> channel.close(), requestTimeoutNanos, TimeUnit.NANOSECONDS));
        }
        // A waiting exchange stays in the queue, ended; nextWaiting() skips it.
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : SocketErrors.withoutNativePrefix(message);
    }
}
