package io.shadowgate.judge;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.metrics.WindowSample;
import org.HdrHistogram.Histogram;

/** Synthetic evaluation windows of a ramp, built without a run: each side a histogram and its counts. */
final class RampWindows {

    /** One version's share of a window. */
    record Side(Histogram latency, OutcomeCounts counts) {
    }

    private RampWindows() {
    }

    /** Window {@code index} of {@code seconds}, starting where the one before ended. */
    static WindowSample window(int index, double seconds, Side baseline, Side candidate) {
        long length = Math.round(seconds * 1e9);
        return new WindowSample(index, index * length, (index + 1) * length, baseline.latency(), candidate.latency(),
                baseline.counts(), candidate.counts(), PairedLatencies.EMPTY);
    }

    /**
     * {@code n} responses, all 2xx, spread evenly up to a value chosen so that their p99 is
     * {@code p99Ms}: the sample of rank i is i/n × p99Ms/0.99.
     */
    static Side evenSpread(long n, double p99Ms) {
        Histogram h = Histograms.newHistogram();
        double top = p99Ms / 0.99 * 1_000;
        for (long i = 1; i <= n; i++) {
            h.recordValue(Math.max(1, Math.round(i * top / n)));
        }
        return new Side(h, ok(n, 0));
    }

    /** {@code judged} requests, {@code errors} of them 5xx, with no latency recorded. */
    static Side errors(long judged, long errors) {
        return new Side(Histograms.newHistogram(), ok(judged, errors));
    }

    /** Latencies already recorded, all 2xx. */
    static Side latencies(Histogram h) {
        return new Side(h, ok(h.getTotalCount(), 0));
    }

    private static OutcomeCounts ok(long n, long errors) {
        return new OutcomeCounts(n, n - errors, 0, 0, errors, 0, 0, 0);
    }
}
