package io.shadowgate.capture;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.shadowgate.netty.Transport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one capture proxy shares: where to forward, how much of a body to
 * keep, the sampling, the writer, and the counts the shutdown waits on. Thread-safe; the event
 * loops call it for every exchange, so nothing here blocks.
 */
final class CaptureContext {

    private final CaptureOptions options;
    private final Transport transport;
    private final Sampler sampler;
    private final CaptureWriter writer;
    private final ChannelGroup clients = new DefaultChannelGroup("capture-clients", GlobalEventExecutor.INSTANCE);
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong notSampled = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean draining;

    CaptureContext(CaptureOptions options, Transport transport, CaptureWriter writer) {
        this.options = options;
        this.transport = transport;
        this.sampler = new Sampler(options.sample(), options.seed());
        this.writer = writer;
    }

    Upstream upstream() {
        return options.upstream();
    }

    Transport transport() {
        return transport;
    }

    /** Client connections, so that shutdown can close the idle ones. */
    ChannelGroup clients() {
        return clients;
    }

    /** A request head arrived: the exchange starts, recorded or not by the sampling. */
    ProxiedExchange begin(HttpRequest request) {
        open.incrementAndGet();
        boolean sampled = sampler.sample(arrivals.getAndIncrement());
        if (!sampled) {
            notSampled.incrementAndGet();
        }
        return new ProxiedExchange(request, sampled ? writer.begin() : null, options.maxBodyBytes());
    }

    /** The whole response has arrived from the upstream: the exchange is recorded if sampled. */
    void complete(ProxiedExchange exchange, long endNanos) {
        if (exchange.end()) {
            open.decrementAndGet();
            if (exchange.ticket() != null) {
                writer.submit(exchange.ticket(), exchange.toRequest(endNanos));
            }
        }
    }

    /** The exchange ended without a whole response from the upstream; nothing is recorded. */
    void abandon(ProxiedExchange exchange) {
        if (exchange.end()) {
            open.decrementAndGet();
            if (exchange.ticket() != null) {
                writer.abandon(exchange.ticket());
            }
        }
    }

    /** Exchanges started and not yet ended. */
    int openExchanges() {
        return open.get();
    }

    /** From now on every response closes its connection, so clients stop sending on them. */
    void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    CaptureStats stats() {
        return new CaptureStats(arrivals.get(), notSampled.get(), writer.recorded(), writer.dropped(), writer.late(),
                writer.abandoned(), writer.files(), writer.failure());
    }
}
