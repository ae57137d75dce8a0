package io.shadowgate.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.shadowgate.capture.Upstream;
import io.shadowgate.netty.SocketErrors;
import io.shadowgate.netty.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injecting reverse proxy for rehearsals against a real service: forwards every
 * HTTP/1.1 request to the upstream and injects the same faults, with the same meaning, as a
 * simulated server ({@link io.shadowgate.scenario.FaultSpec}): stalls hold answers, and a share
 * of the requests arriving in a fault's window is slowed, failed with a status, reset, hung or
 * given a slow body. Which requests a fault hits follows the seed. Any thread may call its
 * methods.
 *
 * <p>Fault windows count from the moment the proxy starts listening, or from
 * {@link FaultProxyOptions#startAt()}. {@code errors} fail every request but
 * {@code GET /healthz}; the other kinds hit every request. Requests on one connection are served
 * one at a time (see {@link FaultProxyFrontendHandler}); answers the proxy gives itself carry
 * {@value #FAULT_HEADER}.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

    /** Marks an answer the proxy made up (an injected error), so nobody hunts for it in the service's logs. */
    public static final String FAULT_HEADER = "X-Shadowgate-Fault";

    /** Close waits at most this long for the threads; nothing in flight is worth more. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final FaultProxyOptions options;
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup clients;
    private final InetSocketAddress address;

    private FaultProxy(FaultProxyOptions options, EventLoopGroup group, Channel server, ChannelGroup clients) {
        this.options = options;
        this.group = group;
        this.server = server;
        this.clients = clients;
        this.address = (InetSocketAddress) server.localAddress();
    }

    /**
     * Starts listening and starts the fault clock.
     *
     * @param events told, from an event loop thread, when each fault starts and ends
     * @throws IllegalStateException if the listen address cannot be bound, naming it and why
     */
    public static FaultProxy start(FaultProxyOptions options, Consumer<String> events) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(events, "events");
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                "shadowgate-proxy");
        FaultClock clock = new FaultClock(System.nanoTime());
        ChannelGroup clients = new DefaultChannelGroup("proxy-clients", GlobalEventExecutor.INSTANCE);
        FaultProxyContext context = new FaultProxyContext(options.upstream(), transport, FaultPlan.of(options.faults()),
                clock, clients);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // Reads happen when the other side has taken the last piece: backpressure, as in Netty's proxy example.
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new FaultProxyInitializer(context, options.seed()))
                .bind(options.listenHost(), options.listenPort())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            throw new IllegalStateException("cannot listen on " + options.listenHost() + ":" + options.listenPort() + ": "
                    + SocketErrors.reason(bound.cause()));
        }
        clock.anchor(origin(options));
        FaultAnnouncer.schedule(options.faults(), clock, group.next(), events);
        log.info("fault proxy listening on {}, forwarding to {} ({} transport)", bound.channel().localAddress(),
                options.upstream(), transport);
        return new FaultProxy(options, group, bound.channel(), clients);
    }

    /** The fault clock's origin as a {@link System#nanoTime()} value: now, or the wall-clock start asked for. */
    private static long origin(FaultProxyOptions options) {
        long now = System.nanoTime();
        if (options.startAt() == null) {
            return now;
        }
        long fromNowMillis = options.startAt().toEpochMilli() - System.currentTimeMillis();
        return now + TimeUnit.MILLISECONDS.toNanos(fromNowMillis);
    }

    /** The bound address (with the actual port when started on port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT} of the proxy. */
    public URI uri() {
        return new Upstream(address.getAddress().getHostAddress(), address.getPort()).uri();
    }

    public FaultProxyOptions options() {
        return options;
    }

    /** Blocks until the proxy has been closed (by {@link #close()}, e.g. from a shutdown hook) and its threads ended. */
    public void awaitClose() throws InterruptedException {
        group.terminationFuture().await();
    }

    /** Stops listening, closes every connection and waits (at most about 2 s) for the threads to end. Idempotent. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }
}
