package io.shadowgate.metrics;

import org.HdrHistogram.Histogram;

/**
 * What one evaluation window measured, on its own: the requests intended in
 * [{@code startNanos}, {@code endNanos}) of the schedule, and nothing else.
 *
 * @param index            0 for the first window
 * @param startNanos       window start, from the schedule's start
 * @param endNanos         window end (exclusive)
 * @param baselineLatency  baseline latency from intended start over responses and timeouts, microseconds
 * @param candidateLatency the candidate's
 * @param baseline         baseline outcomes of the window's requests (they add up to the requests it saw)
 * @param candidate        candidate outcomes
 * @param pairs            a bounded sample of the window's request pairs
 */
public record WindowSample(
        int index,
        long startNanos,
        long endNanos,
        Histogram baselineLatency,
        Histogram candidateLatency,
        OutcomeCounts baseline,
        OutcomeCounts candidate,
        PairedLatencies pairs) {
}
