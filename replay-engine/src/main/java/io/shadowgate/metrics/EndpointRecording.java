package io.shadowgate.metrics;

import org.HdrHistogram.Histogram;

/**
 * What was recorded for one endpoint at one target, as exact counts and histograms in the one
 * configuration ({@link Histograms}), so that recordings of several shards add up exactly.
 *
 * @param endpoint endpoint name
 * @param counts   outcomes
 * @param latency  from the intended send instant, over responses and timeouts, µs
 * @param service  from the actual send, over responses, µs
 */
public record EndpointRecording(String endpoint, OutcomeCounts counts, Histogram latency, Histogram service) {

    public EndpointSummary summary() {
        return new EndpointSummary(endpoint, counts, Histograms.summarize(latency), Histograms.summarize(service));
    }
}
