package io.shadowgate.scenario;

import java.util.List;

/**
 * Behaviour of a simulated model server: which model version it serves, how long it takes,
 * how often it fails, any scheduled faults, how its predict answers are varied, and how many
 * requests it can work on at once.
 *
 * @param version     model version; seeds the model weights, so two versions score differently
 * @param latency     response-time distribution: the service time of one request
 * @param errorRate   fraction of requests answered with {@code errorStatus}, 0..1
 * @param errorStatus HTTP status of injected errors (5xx)
 * @param faults      faults scheduled relative to the server's fault clock
 * @param responses   how {@code POST /v1/predict} answers differ from the plain ones;
 *                    null is taken as {@link ResponseVariation#NONE}
 * @param concurrency requests in service at once across all connections, at least 1; a request
 *                    arriving when all are taken waits its turn (first come, first served), so
 *                    its latency is that wait plus its own service time. Near
 *                    {@code concurrency / mean service time} requests per second latency rises
 *                    sharply: the capacity knee. {@link #UNLIMITED_CONCURRENCY} (0): no limit.
 */
public record SimulatedProfile(
        String version,
        LatencyProfile latency,
        double errorRate,
        int errorStatus,
        List<FaultSpec> faults,
        ResponseVariation responses,
        int concurrency) {

    public static final int DEFAULT_ERROR_STATUS = 503;

    /** Every request is served at once, however many there are. */
    public static final int UNLIMITED_CONCURRENCY = 0;

    public SimulatedProfile {
        responses = responses == null ? ResponseVariation.NONE : responses;
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be >= 1, or 0 for unlimited (was " + concurrency + ")");
        }
    }

    /** A profile without a concurrency limit. */
    public SimulatedProfile(String version, LatencyProfile latency, double errorRate, int errorStatus,
                            List<FaultSpec> faults, ResponseVariation responses) {
        this(version, latency, errorRate, errorStatus, faults, responses, UNLIMITED_CONCURRENCY);
    }

    /** A profile whose predict answers are the plain ones, without a concurrency limit. */
    public SimulatedProfile(String version, LatencyProfile latency, double errorRate, int errorStatus,
                            List<FaultSpec> faults) {
        this(version, latency, errorRate, errorStatus, faults, ResponseVariation.NONE);
    }

    /** The same behaviour with at most {@code concurrency} requests in service at once. */
    public SimulatedProfile withConcurrency(int concurrency) {
        return new SimulatedProfile(version, latency, errorRate, errorStatus, faults, responses, concurrency);
    }
}
