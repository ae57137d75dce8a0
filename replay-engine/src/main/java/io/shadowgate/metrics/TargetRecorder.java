package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything recorded for one target: overall and per endpoint, schedule lateness, the
 * per-interval time series and, when asked, its interval log. Many threads record; one thread
 * at a time samples; any thread may read {@link #live} (no lock: counters and a volatile).
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
    /** Null when no interval log was asked for, and once it is closed. */
    private IntervalLog log;
    private volatile double lastIntervalP99Millis = Double.NaN;

    /** Records {@code target}, writing each interval to {@code log} too unless it is null. */
    TargetRecorder(String target, IntervalLog log) {
        this.target = target;
        this.log = log;
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
        if (log != null) {
            log.write(lastSampleMillis, nowMillis, interval);
        }
        double p99 = Histograms.millis(interval, 99);
        series.add(new IntervalPoint(lastSampleMillis, nowMillis, intervalResponses.sumThenReset(),
                intervalErrors.sumThenReset(), Histograms.millis(interval, 50), p99));
        lastIntervalP99Millis = p99;
        lastSampleMillis = nowMillis;
    }

    /** Closes the interval log after the last sample; false if writing it failed. True when there was none. */
    synchronized boolean closeLog() {
        if (log == null) {
            return true;
        }
        boolean ok = log.close();
        log = null;
        return ok;
    }

    /**
     * This target's figures so far. The counters are read before {@code scheduled}, so every
     * outcome counted was scheduled by then and nothing is in flight less than zero.
     */
    LiveFigures.Target live(LongSupplier scheduled) {
        OutcomeCounts counts = overall.counts(0); // its scheduled part is not used: read below, after
        long sent = Math.max(0, scheduled.getAsLong() - counts.notSent());
        long completed = counts.judged();
        return new LiveFigures.Target(target, sent, Math.max(0, sent - completed), completed, counts.errors(),
                lastIntervalP99Millis);
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
        return recording(address, scheduled).summary();
    }

    /** Everything recorded, copied: counts against {@code scheduled}, histograms, endpoints sorted by name. */
    synchronized TargetRecording recording(String address, ScheduleCounter scheduled) {
        List<EndpointRecording> perEndpoint = new ArrayList<>();
        Map<String, EndpointRecorder> sorted = new TreeMap<>(endpoints);
        for (String name : scheduled.endpoints()) {
            sorted.putIfAbsent(name, new EndpointRecorder());
        }
        for (Map.Entry<String, EndpointRecorder> e : sorted.entrySet()) {
            EndpointRecorder r = e.getValue();
            perEndpoint.add(new EndpointRecording(e.getKey(), r.counts(scheduled.endpoint(e.getKey())),
                    r.latencyTotal(), r.serviceTotal()));
        }
        return new TargetRecording(target, address, overall.counts(scheduled.total()), overall.latencyTotal(),
                overall.serviceTotal(), latenessTotal.copy(), List.copyOf(perEndpoint), List.copyOf(series));
    }
}
