package io.shadowgate.judge;

import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import org.HdrHistogram.Histogram;

/**
 * What the judge decides on: each side's latency distribution (from intended start, over
 * responses) and outcome counts, for one scope of traffic.
 *
 * @param scope            {@code all} or an endpoint name
 * @param baselineLatency  baseline latency histogram, microseconds
 * @param candidateLatency candidate latency histogram, microseconds
 * @param baseline         baseline outcomes
 * @param candidate        candidate outcomes
 * @param pairs            (baseline, candidate) latencies of the same requests, or null when unpaired
 */
public record Evidence(
        String scope,
        Histogram baselineLatency,
        Histogram candidateLatency,
        OutcomeCounts baseline,
        OutcomeCounts candidate,
        PairedLatencies pairs) {

    /** Evidence without request pairs (split traffic, or offline samples). */
    public Evidence(String scope, Histogram baselineLatency, Histogram candidateLatency, OutcomeCounts baseline,
                    OutcomeCounts candidate) {
        this(scope, baselineLatency, candidateLatency, baseline, candidate, null);
    }
}
