package io.shadowgate.capture;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.shadowgate.netty.SocketErrors;
import io.shadowgate.netty.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording reverse proxy: forwards every HTTP/1.1 exchange to the upstream as it streams
 * and writes a sampled, redacted record of each to a traffic file (see {@link CaptureOptions}).
 * Any thread may call its methods.
 *
 * <p>Offsets are the instants requests arrived (their head was decoded), in microseconds from
 * the start of the capture; records are written in that order whatever order exchanges finish
 * in (see {@link CaptureWriter}). A record's latency runs from that instant until the whole
 * response had arrived from the upstream.
 *
 * <p>{@link #stop()} (or {@link #close()}) stops accepting connections, gives exchanges in flight up to 2 s to
 * finish (responses meanwhile close their connections), closes every connection, then writes
 * what is left and the trailer.
 */
public final class CaptureProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaptureProxy.class);
    private static final long DRAIN_POLL_MILLIS = 10;

    private final CaptureOptions options;
    private final CaptureContext context;
    private final CaptureWriter writer;
    private final EventLoopGroup group;
    private final Channel server;
    private final InetSocketAddress address;
    private CaptureStats closed;

    private CaptureProxy(CaptureOptions options, CaptureContext context, CaptureWriter writer, EventLoopGroup group,
                         Channel server) {
        this.options = options;
        this.context = context;
        this.writer = writer;
        this.group = group;
        this.server = server;
        this.address = (InetSocketAddress) server.localAddress();
    }

    /**
     * Creates the traffic file and starts listening.
     *
     * @throws IOException           if the traffic file cannot be created
     * @throws IllegalStateException if the listen address cannot be bound, naming it and why
     */
    public static CaptureProxy start(CaptureOptions options) throws IOException {
        String source = "capture:" + options.upstream();
        RotatingTrafficWriter files = new RotatingTrafficWriter(options.out(), options.rotateBytes(), source,
                options.redactor().description(), System.nanoTime(), Instant.now());
        CaptureWriter writer = new CaptureWriter(files, options.redactor(), CaptureOptions.QUEUE_CAPACITY,
                CaptureOptions.BUFFER_BYTES, CaptureOptions.REORDER_WAIT);
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(options.ioThreads(), "shadowgate-capture");
        CaptureContext context = new CaptureContext(options, transport, writer);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // Reads happen when the other side has taken the last piece: backpressure, as in Netty's proxy example.
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new CaptureProxyInitializer(context))
                .bind(options.listenHost(), options.listenPort())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            writer.close(CaptureOptions.WRITER_CLOSE_TIMEOUT);
            Files.deleteIfExists(options.out());
            throw new IllegalStateException("cannot listen on " + options.listenHost() + ":" + options.listenPort() + ": "
                    + SocketErrors.reason(bound.cause()));
        }
        log.info("capture proxy listening on {}, forwarding to {} ({} transport)", bound.channel().localAddress(),
                options.upstream(), transport);
        return new CaptureProxy(options, context, writer, group, bound.channel());
    }

    /** The bound address (with the actual port when started on port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT} of the proxy. */
    public URI uri() {
        return new Upstream(address.getAddress().getHostAddress(), address.getPort()).uri();
    }

    public CaptureOptions options() {
        return options;
    }

    /** Counts so far. */
    public CaptureStats stats() {
        return context.stats();
    }

    /**
     * Stops the capture (see the class comment) and returns the final counts. Idempotent: later
     * calls return the same counts. Takes at most about {@code 2 s + 1 s + 10 s} in the worst case.
     */
    public synchronized CaptureStats stop() {
        if (closed != null) {
            return closed;
        }
        server.close().awaitUninterruptibly();
        context.drain();
        long deadline = System.nanoTime() + CaptureOptions.DRAIN_TIMEOUT.toNanos();
        while (context.openExchanges() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (context.openExchanges() > 0) {
            log.info("capture: {} exchanges still open after {} ms; closing them", context.openExchanges(),
                    CaptureOptions.DRAIN_TIMEOUT.toMillis());
        }
        context.clients().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        writer.close(CaptureOptions.WRITER_CLOSE_TIMEOUT);
        closed = context.stats();
        return closed;
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

}
