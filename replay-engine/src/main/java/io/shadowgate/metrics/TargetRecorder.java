package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything recorded for one target: overall and per endpoint, schedule lateness, and the
 * per-interval time series. Many threads record; one thread at a time samples.
 */
final class TargetRecorder {

    private final String target;
    private final EndpointRecorder overall = new EndpointRecorder();
    private final Map<String, EndpointRecorder> endpoints = new ConcurrentHashMap<>();
    private final Recorder lateness = Histograms.newRecorder();
    private final Histogram latenessTotal = Histograms.newHistogram();
    private Histogram latenessInterval;
    private final LongAdder intervalResponses = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final List<IntervalPoint> series = new ArrayList<>();
    private long lastSampleMillis;

    TargetRecorder(String target) {
        this.target = target;
    }

    void record(Outcome outcome) {
        overall.record(outcome);
        endpoints.computeIfAbsent(outcome.endpoint(), e -> new EndpointRecorder()).record(outcome);
        if (outcome.wasSent()) {
            Histograms.record(lateness, outcome.latenessNanos());
        }
        if (outcome.kind() == OutcomeKind.RESPONSE) {
            intervalResponses.increment();
        }
        if (outcome.isError()) {
            intervalErrors.increment();
        }
    }

    void addNotSent(String endpoint, long n) {
        overall.addNotSent(n);
        endpoints.computeIfAbsent(endpoint, e -> new EndpointRecorder()).addNotSent(n);
    }

    /** Closes the interval ending {@code nowMillis} after the run start and appends it to the series. */
    synchronized void sample(long nowMillis) {
        Histogram interval = overall.drain();
        for (EndpointRecorder endpoint : endpoints.values()) {
            endpoint.drain();
        }
        latenessInterval = lateness.getIntervalHistogram(latenessInterval);
        latenessTotal.add(latenessInterval);
        series.add(new IntervalPoint(lastSampleMillis, nowMillis, intervalResponses.sumThenReset(),
                intervalErrors.sumThenReset(), Histograms.millis(interval, 50), Histograms.millis(interval, 99)));
        lastSampleMillis = nowMillis;
    }

    synchronized Histogram latencyTotal() {
        return overall.latencyTotal();
    }

    /** One endpoint's latency from intended start, over responses; empty if it had none. */
    synchronized Histogram latencyTotal(String endpoint) {
        EndpointRecorder r = endpoints.get(endpoint);
        return r == null ? Histograms.newHistogram() : r.latencyTotal();
    }

    synchronized TargetSummary summarize(String address, ScheduleCounter scheduled) {
        List<EndpointSummary> perEndpoint = new ArrayList<>();
        Map<String, EndpointRecorder> sorted = new TreeMap<>(endpoints);
        for (String name : scheduled.endpoints()) {
            sorted.putIfAbsent(name, new EndpointRecorder());
        }
        for (Map.Entry<String, EndpointRecorder> e : sorted.entrySet()) {
            EndpointRecorder r = e.getValue();
            perEndpoint.add(new EndpointSummary(e.getKey(), r.counts(scheduled.endpoint(e.getKey())),
                    Histograms.summarize(r.latencyTotal()), Histograms.summarize(r.serviceTotal())));
        }
        return new TargetSummary(target, address, overall.counts(scheduled.total()),
                Histograms.summarize(overall.latencyTotal()), Histograms.summarize(overall.serviceTotal()),
                Histograms.summarize(latenessTotal), List.copyOf(perEndpoint), List.copyOf(series));
    }
}
