package io.shadowgate.sim;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.SplittableRandom;

/**
 * The deterministic-latency mode of a simulated server: what it draws for a request depends on
 * the server's seed and the request's id alone, never on the connection, the arrival order or
 * the clock, so any number of replaying processes see exactly the draws one would. A mode for
 * proving that sharded runs merge exactly ({@code deterministicLatency: true} in a scenario),
 * not for judging a real service. Immutable; shared by every connection of a server.
 */
final class StatedLatency {

    /** Where the replayer puts each request's id; the same name as the replayer's {@code ConnectionPool}. */
    static final String REQUEST_ID_HEADER = "X-Shadowgate-Request-Id";
    /** Where the answer states its latency, µs; the same name as {@code ReplayOptions.STATED_LATENCY_HEADER}. */
    static final String HEADER = "X-Shadowgate-Stated-Latency-Micros";

    private final long seed;

    StatedLatency(long seed) {
        this.seed = seed;
    }

    /**
     * A generator for the request with these headers: seeded by the server's seed and the
     * request's id; {@code fallback} (the connection's) when the request carries no id.
     */
    SplittableRandom generator(HttpHeaders headers, SplittableRandom fallback) {
        String id = headers.get(REQUEST_ID_HEADER);
        if (id == null) {
            return fallback;
        }
        try {
            return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
