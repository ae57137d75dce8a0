package io.shadowgate.metrics;

import java.util.List;

/**
 * Everything measured at one target over a run.
 *
 * @param target    role, e.g. {@code baseline}
 * @param address   where it was reached, e.g. {@code http://127.0.0.1:40123}
 * @param counts    outcomes over all endpoints
 * @param latency   from the intended send instant, over responses and timeouts (a timeout counts as the time waited; no coordinated omission)
 * @param service   from the actual send, over responses
 * @param lateness  actual minus intended send, over sent requests
 * @param endpoints per endpoint, by name
 * @param series    per-second time series
 */
public record TargetSummary(
        String target,
        String address,
        OutcomeCounts counts,
        LatencySummary latency,
        LatencySummary service,
        LatencySummary lateness,
        List<EndpointSummary> endpoints,
        List<IntervalPoint> series) {
}
