package io.shadowgate.metrics;

/**
 * One endpoint at one target.
 *
 * @param endpoint endpoint name
 * @param counts   outcomes
 * @param latency  from the intended send instant, over responses and timeouts (the time waited)
 * @param service  from the actual send, over responses
 */
public record EndpointSummary(String endpoint, OutcomeCounts counts, LatencySummary latency, LatencySummary service) {
}
