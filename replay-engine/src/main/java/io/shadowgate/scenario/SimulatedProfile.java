package io.shadowgate.scenario;

import java.util.List;

/**
 * Behaviour of a simulated model server: which model version it serves, how long it takes,
 * how often it fails, any scheduled faults, and how its predict answers are varied.
 *
 * @param version     model version; seeds the model weights, so two versions score differently
 * @param latency     response-time distribution
 * @param errorRate   fraction of requests answered with {@code errorStatus}, 0..1
 * @param errorStatus HTTP status of injected errors (5xx)
 * @param faults      faults scheduled relative to the server's start
 * @param responses   how {@code POST /v1/predict} answers differ from the plain ones;
 *                    null is taken as {@link ResponseVariation#NONE}
 */
public record SimulatedProfile(
        String version,
        LatencyProfile latency,
        double errorRate,
        int errorStatus,
        List<FaultSpec> faults,
        ResponseVariation responses) {

    public static final int DEFAULT_ERROR_STATUS = 503;

    public SimulatedProfile {
        responses = responses == null ? ResponseVariation.NONE : responses;
    }

    /** A profile whose predict answers are the plain ones. */
    public SimulatedProfile(String version, LatencyProfile latency, double errorRate, int errorStatus,
                            List<FaultSpec> faults) {
        this(version, latency, errorRate, errorStatus, faults, ResponseVariation.NONE);
    }
}
