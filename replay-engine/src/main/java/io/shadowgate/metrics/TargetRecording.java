package io.shadowgate.metrics;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded at one target over a run, as exact counts and histograms in the one
 * configuration ({@link Histograms}): what {@link TargetSummary} is reduced from, and what a
 * shard stores so that shards add up to exactly what one process would have recorded (schedule
 * lateness and the per-second series aside: they are measurements of each process).
 *
 * @param target    role, e.g. {@code baseline}
 * @param address   where it was reached
 * @param counts    outcomes over all endpoints, against what was scheduled
 * @param latency   from the intended send instant, over responses and timeouts, µs
 * @param service   from the actual send, over responses, µs
 * @param lateness  actual minus intended send, over sent requests, µs
 * @param endpoints per endpoint, by name
 * @param series    per-second time series
 */
public record TargetRecording(String target, String address, OutcomeCounts counts, Histogram latency,
                              Histogram service, Histogram lateness, List<EndpointRecording> endpoints,
                              List<IntervalPoint> series) {

    /** The summary reports and the judge read. */
    public TargetSummary summary() {
        List<EndpointSummary> perEndpoint = new ArrayList<>(endpoints.size());
        for (EndpointRecording e : endpoints) {
            perEndpoint.add(e.summary());
        }
        return new TargetSummary(target, address, counts, Histograms.summarize(latency), Histograms.summarize(service),
                Histograms.summarize(lateness), List.copyOf(perEndpoint), series);
    }

    /** One endpoint's latency from the intended start; empty if it had none. */
    public Histogram latency(String endpoint) {
        for (EndpointRecording e : endpoints) {
            if (e.endpoint().equals(endpoint)) {
                return e.latency();
            }
        }
        return Histograms.newHistogram();
    }
}
