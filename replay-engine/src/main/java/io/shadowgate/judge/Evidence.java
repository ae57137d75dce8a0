package io.shadowgate.judge;

import io.shadowgate.metrics.OutcomeCounts;
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
 */
public record Evidence(
        String scope,
        Histogram baselineLatency,
        Histogram candidateLatency,
        OutcomeCounts baseline,
        OutcomeCounts candidate) {
}
