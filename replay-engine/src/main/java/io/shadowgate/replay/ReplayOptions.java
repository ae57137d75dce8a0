package io.shadowgate.replay;

import io.netty.util.NetUtil;
import io.shadowgate.scenario.Connections;
import io.shadowgate.scenario.Timeouts;
import java.time.Duration;
import java.util.Collection;

/**
 * How the replayer's client behaves.
 *
 * @param connectTimeout       limit for opening one connection
 * @param requestTimeout       limit from a request's intended send instant to its full response
 * @param maxConnections       most connections open to one target at once
 * @param warmupConnections    connections opened to each target before the schedule starts
 * @param eventLoopThreads     client event-loop threads, each owning a share of every target's connections;
 *                             {@link #AUTOMATIC_EVENT_LOOPS} for as {@link #eventLoopsFor} chooses
 * @param keepBodies           whether outcomes carry response bodies (for response comparison)
 * @param statedLatency        the deterministic-latency mode: a response's latency is the one its
 *                             (simulated) target states in {@link #STATED_LATENCY_HEADER}, not the
 *                             clock's; for proving that shards merge exactly, never for judging a
 *                             real service (a service could state anything)
 */
public record ReplayOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxConnections,
        int warmupConnections,
        int eventLoopThreads,
        boolean keepBodies,
        boolean statedLatency) {

    /**
     * The response header in which a simulated target in the deterministic-latency mode states
     * the latency it stands for, in whole microseconds; read only when {@link #statedLatency()}.
     */
    public static final String STATED_LATENCY_HEADER = "X-Shadowgate-Stated-Latency-Micros";

    /** Options measured by the clock, as every run outside the deterministic-latency mode is. */
    public ReplayOptions(Duration connectTimeout, Duration requestTimeout, int maxConnections, int warmupConnections,
                         int eventLoopThreads, boolean keepBodies) {
        this(connectTimeout, requestTimeout, maxConnections, warmupConnections, eventLoopThreads, keepBodies, false);
    }

    /** Event-loop threads left to the replayer: see {@link #eventLoopsFor}. */
    public static final int AUTOMATIC_EVENT_LOOPS = Connections.AUTOMATIC_EVENT_LOOPS;

    public static ReplayOptions of(Timeouts timeouts, Connections connections) {
        return new ReplayOptions(timeouts.connect(), timeouts.request(), connections.maxPerTarget(),
                connections.warmup(), connections.eventLoops(), false);
    }

    /**
     * The event-loop threads for targets at {@code hosts}: {@link #eventLoopThreads} when set;
     * otherwise one per core, or half the cores (at least one) when every target is on this
     * machine. A loopback target runs on the same cores as the client, and each send also runs
     * the target's receive path: measured on two cores against a local nginx (bench/README.md,
     * issue #8), one loop delivered 8 to 10 % more requests per second than two, with 15 % less
     * CPU, because four busy threads (scheduler, two loops, the target) no longer share two cores.
     */
    public int eventLoopsFor(Collection<String> hosts) {
        if (eventLoopThreads != AUTOMATIC_EVENT_LOOPS) {
            return eventLoopThreads;
        }
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        boolean allLocal = !hosts.isEmpty() && hosts.stream().allMatch(ReplayOptions::isLoopback);
        return allLocal ? Math.max(1, cores / 2) : cores;
    }

    /** Whether {@code host} names this machine: {@code localhost}, or a literal 127.x or ::1 address (no lookup). */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(bare);
        if (address == null) {
            return false;
        }
        if (address.length == 4) {
            return address[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    /** The same options, keeping response headers and bodies in outcomes when {@code keep}. */
    public ReplayOptions withKeepBodies(boolean keep) {
        return new ReplayOptions(connectTimeout, requestTimeout, maxConnections, warmupConnections, eventLoopThreads, keep,
                statedLatency);
    }

    /** The same options, taking each response's latency from {@link #STATED_LATENCY_HEADER} when {@code stated}. */
    public ReplayOptions withStatedLatency(boolean stated) {
        return new ReplayOptions(connectTimeout, requestTimeout, maxConnections, warmupConnections, eventLoopThreads,
                keepBodies, stated);
    }

    public ReplayOptions withEventLoopThreads(int threads) {
        return new ReplayOptions(connectTimeout, requestTimeout, maxConnections, warmupConnections, threads, keepBodies,
                statedLatency);
    }
}
