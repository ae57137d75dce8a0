package io.shadowgate.scenario;

import java.util.List;

/**
 * Behaviour of a simulated model server: which model version it serves, how long it takes,
 * how often it fails, and any scheduled faults.
 *
 * @param version     model version; seeds the model weights, so two versions score differently
 * @param latency     response-time distribution
 * @param errorRate   fraction of requests answered with {@code errorStatus}, 0..1
 * @param errorStatus HTTP status of injected errors (5xx)
 * @param faults      faults scheduled relative to the server's start
 */
public record SimulatedProfile(
        String version,
        LatencyProfile latency,
        double errorRate,
        int errorStatus,
        List<FaultSpec> faults) {

    public static final int DEFAULT_ERROR_STATUS = 503;
}
