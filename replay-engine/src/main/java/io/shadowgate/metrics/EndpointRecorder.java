package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency and outcomes of one slice of traffic (a target, or one endpoint of it). Many
 * threads may {@link #record}; one thread at a time may {@link #drain} (the sampler).
 */
final class EndpointRecorder {

    private final OutcomeCounters counters = new OutcomeCounters();
    private final Recorder latency = Histograms.newRecorder();
    private final Recorder service = Histograms.newRecorder();
    private final Histogram latencyTotal = Histograms.newHistogram();
    private final Histogram serviceTotal = Histograms.newHistogram();
    private Histogram latencyInterval;
    private Histogram serviceInterval;

    void record(Outcome outcome) {
        counters.record(outcome);
        if (outcome.countsAsLatency()) {
            Histograms.record(latency, outcome.latencyNanos());
        }
        if (outcome.kind() == OutcomeKind.RESPONSE) {
            Histograms.record(service, outcome.serviceNanos());
        }
    }

    void addNotSent(long n) {
        counters.addNotSent(n);
    }

    /** Moves what was recorded since the last call into the totals; returns the interval's latency. */
    synchronized Histogram drain() {
        latencyInterval = latency.getIntervalHistogram(latencyInterval);
        serviceInterval = service.getIntervalHistogram(serviceInterval);
        latencyTotal.add(latencyInterval);
        serviceTotal.add(serviceInterval);
        return latencyInterval;
    }

    synchronized Histogram latencyTotal() {
        return latencyTotal.copy();
    }

    synchronized Histogram serviceTotal() {
        return serviceTotal.copy();
    }

    OutcomeCounts counts(long scheduled) {
        return counters.snapshot(scheduled);
    }
}
