package io.shadowgate.replay;

import io.shadowgate.scenario.Connections;
import io.shadowgate.scenario.Timeouts;
import java.time.Duration;

/**
 * How the replayer's client behaves.
 *
 * @param connectTimeout       limit for opening one connection
 * @param requestTimeout       limit from a request's intended send instant to its full response
 * @param maxConnections       most connections open to one target at once
 * @param warmupConnections    connections opened to each target before the schedule starts
 * @param eventLoopThreads     client event-loop threads; each owns a share of every target's connections
 * @param keepBodies           whether outcomes carry response bodies (for response comparison)
 */
public record ReplayOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxConnections,
        int warmupConnections,
        int eventLoopThreads,
        boolean keepBodies) {

    /** Event-loop threads by default: one per core, as Netty's own default would choose. */
    public static final int DEFAULT_EVENT_LOOP_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    public static ReplayOptions of(Timeouts timeouts, Connections connections) {
        return new ReplayOptions(timeouts.connect(), timeouts.request(), connections.maxPerTarget(),
                connections.warmup(), DEFAULT_EVENT_LOOP_THREADS, false);
    }

    /** The same options, keeping response headers and bodies in outcomes when {@code keep}. */
    public ReplayOptions withKeepBodies(boolean keep) {
        return new ReplayOptions(connectTimeout, requestTimeout, maxConnections, warmupConnections, eventLoopThreads, keep);
    }

    public ReplayOptions withEventLoopThreads(int threads) {
        return new ReplayOptions(connectTimeout, requestTimeout, maxConnections, warmupConnections, threads, keepBodies);
    }
}
