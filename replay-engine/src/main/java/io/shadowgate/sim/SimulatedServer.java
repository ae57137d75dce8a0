package io.shadowgate.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.shadowgate.netty.SocketErrors;
import io.shadowgate.netty.Transport;
import io.shadowgate.scenario.SimulatedProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A simulated model server: a Netty HTTP/1.1 server that answers {@code POST /v1/predict} and
 * {@code GET /healthz} (see {@link ModelApi}) with the latency, error rate, faults and
 * response variation of a {@link SimulatedProfile}. Any thread may call its methods; each server owns its event loops.
 *
 * <p>Latency applies to every response, whatever the endpoint or status (a slow server is slow
 * everywhere). Injected errors ({@code errorRate}, {@code errorStatus}) apply only to
 * {@code POST /v1/predict}, decided before the body is read, so health checks keep passing
 * while the model fails. With a {@code concurrency} limit the drawn latency is a service time,
 * and a request that finds every slot busy waits first (see {@link ServiceQueue}).
 *
 * <p>Fault windows count from {@link #start} until {@link #anchorFaults} moves their origin. A
 * response due inside a stall is written when it ends (see {@link StallSchedule}); the other
 * kinds hit a share of the requests arriving in their window (see {@link RequestFaults} and
 * {@link SimulatedRequestHandler}): {@code errors} fail every endpoint but {@code GET /healthz}, the
 * rest every request. The profile's {@link io.shadowgate.scenario.ResponseVariation} changes the
 * successful predict answers only.
 */
public final class SimulatedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedServer.class);

    /** Close waits at most this long for in-flight work; a simulator has nothing worth draining. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final SimulatedProfile profile;
    private final FaultClock faultClock;
    private final EventLoopGroup group;
    private final Channel channel;
    private final int port;
    private final URI address;

    private SimulatedServer(SimulatedProfile profile, EventLoopGroup group, Channel channel, int port, URI address,
                            FaultClock faultClock) {
        this.faultClock = faultClock;
        this.profile = profile;
        this.group = group;
        this.channel = channel;
        this.port = port;
        this.address = address;
    }

    /** Starts a server with one event loop thread; see {@link #start(SimulatedProfile, String, int, long, int)}. */
    public static SimulatedServer start(SimulatedProfile profile, String host, int port, long seed) {
        return start(profile, host, port, seed, 1);
    }

    /**
     * Starts a server listening on {@code host:port}.
     *
     * @param profile behaviour to simulate
     * @param host    address to bind, normally {@code 127.0.0.1}
     * @param port    port to bind, 0 for an ephemeral one
     * @param seed    seed of the latency and error draws
     * @param threads event loop threads
     * @throws IllegalArgumentException if the profile or arguments are invalid
     * @throws IllegalStateException    if the address cannot be bound, naming host:port and why
     */
    public static SimulatedServer start(SimulatedProfile profile, String host, int port, long seed, int threads) {
        return start(profile, host, port, seed, threads, false);
    }

    /**
     * As {@link #start(SimulatedProfile, String, int, long, int)}; when {@code statesLatency}, in the
     * deterministic-latency mode: each request's latency and injected error are drawn from a
     * generator seeded by {@code seed} and the request's {@code X-Shadowgate-Request-Id} alone, the
     * answer leaves at once, and the drawn latency is stated in the
     * {@code X-Shadowgate-Stated-Latency-Micros} header for a replayer in the same mode to record.
     * Time-based faults and the concurrency limit do not apply in this mode (they depend on when
     * requests arrive); the scenario validator refuses faults with it.
     */
    public static SimulatedServer start(SimulatedProfile profile, String host, int port, long seed, int threads,
                                        boolean statesLatency) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profile.version(), "profile.version");
        Objects.requireNonNull(host, "host");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 (was " + threads + ")");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (was " + port + ")");
        }
        BehaviourModel behaviour = new BehaviourModel(profile);
        FaultPlan faults = FaultPlan.of(profile.faults());
        ServiceQueue service = ServiceQueue.of(profile.concurrency());
        ModelApi api = new ModelApi(profile.version(), profile.responses());

        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(threads, "sim-" + profile.version());
        FaultClock faultClock = new FaultClock(System.nanoTime());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                // Lets `simulate` restart on the same port while old connections sit in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // Small JSON answers must leave when due; Nagle would add its own latency.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new SimulatedServerInitializer(api, behaviour, faults, service, faultClock, seed,
                        statesLatency));

        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdown(group);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + SocketErrors.reason(bound.cause()));
        }
        Channel channel = bound.channel();
        int actualPort = ((InetSocketAddress) channel.localAddress()).getPort();
        // If the channel ever closes on its own, release the threads too, so awaitClose returns.
        channel.closeFuture().addListener(f -> group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        URI address = URI.create("http://" + uriHost(host) + ":" + actualPort);
        log.info("simulated model server {} listening on {} ({} transport)", profile.version(), address, transport);
        return new SimulatedServer(profile, group, channel, actualPort, address, faultClock);
    }

    /**
     * Makes fault times count from {@code originNanos} (a {@link System#nanoTime()} value),
     * normally the instant the replay's schedule starts. Until then they count from the
     * server's start. Any thread.
     */
    public void anchorFaults(long originNanos) {
        faultClock.anchor(originNanos);
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public int port() {
        return port;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI address() {
        return address;
    }

    public SimulatedProfile profile() {
        return profile;
    }

    /** Blocks until the server has been closed (by {@link #close()}, e.g. from a shutdown hook) and its threads ended. */
    public void awaitClose() throws InterruptedException {
        group.terminationFuture().await();
    }

    /** Stops listening, drops open connections and waits (at most about 2 s) for the threads to end. Idempotent. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        shutdown(group);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    /** IPv6 literals need brackets in a URI. */
    private static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
