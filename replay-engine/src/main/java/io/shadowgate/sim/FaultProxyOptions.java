package io.shadowgate.sim;

import io.shadowgate.capture.Upstream;
import io.shadowgate.scenario.FaultSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How to run a {@link FaultProxy}.
 *
 * @param listenHost address to listen on, normally {@link #DEFAULT_LISTEN_HOST}
 * @param listenPort port to listen on, 0 for a free one
 * @param upstream   the service every request is forwarded to
 * @param faults     the faults to inject, timed from the fault clock's origin
 * @param seed       seed of the draws that pick which requests a fault hits
 * @param startAt    the wall-clock instant the fault clock counts from, e.g. the start of a
 *                   rehearsal's traffic; null for the moment the proxy starts listening
 */
public record FaultProxyOptions(String listenHost, int listenPort, Upstream upstream, List<FaultSpec> faults,
                                long seed, Instant startAt) {

    /** Loopback: a proxy that fails requests on purpose is not something to expose by accident. */
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";

    public FaultProxyOptions {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(upstream, "upstream");
        faults = List.copyOf(faults);
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port must be between 0 and 65535 (was " + listenPort + ")");
        }
    }
}
