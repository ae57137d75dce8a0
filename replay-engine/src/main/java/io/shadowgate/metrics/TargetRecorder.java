package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded for one target: overall and per endpoint, schedule lateness, the
 * per-interval time series and, when asked, its interval log. Many threads record, each into
 * its own {@link WriterShard}; one thread at a time samples; any thread may read {@link #live}
 * (no lock: counters and a volatile).
 */
final class TargetRecorder {

    private final String target;
    private final OutcomeCounters counters = new OutcomeCounters();
    private final Map<String, OutcomeCounters> endpointCounters = new ConcurrentHashMap<>();
    /** One per thread that has recorded here, found by a scan: a run has a few (its event loops, its scheduler). */
    private volatile WriterShard[] shards = new WriterShard[0];
    private final Histogram latencyTotal = Histograms.newHistogram();
    private final Histogram serviceTotal = Histograms.newHistogram();
    private final Histogram latenessTotal = Histograms.newHistogram();
    private final WriterShard.Interval interval = new WriterShard.Interval();
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
        counters.record(outcome);
        endpointCounters(outcome.endpoint()).record(outcome);
        shard().record(outcome);
    }

    private OutcomeCounters endpointCounters(String endpoint) {
        OutcomeCounters c = endpointCounters.get(endpoint);
        return c != null ? c : endpointCounters.computeIfAbsent(endpoint, e -> new OutcomeCounters());
    }

    private WriterShard shard() {
        Thread me = Thread.currentThread();
        for (WriterShard shard : shards) {
            if (shard.owner == me) {
                return shard;
            }
        }
        return newShard(me);
    }

    private synchronized WriterShard newShard(Thread me) {
        WriterShard[] now = shards;
        for (WriterShard shard : now) {
            if (shard.owner == me) {
                return shard;
            }
        }
        WriterShard shard = new WriterShard(me);
        WriterShard[] grown = Arrays.copyOf(now, now.length + 1);
        grown[now.length] = shard;
        shards = grown;
        return shard;
    }

    void addNotSent(String endpoint, long n) {
        counters.addNotSent(n);
        endpointCounters(endpoint).addNotSent(n);
    }

    /** Closes the interval ending {@code nowMillis} after the run start and appends it to the series. */
    synchronized void sample(long nowMillis) {
        interval.reset();
        for (WriterShard shard : shards) {
            shard.drainInto(interval);
        }
        latencyTotal.add(interval.latency);
        serviceTotal.add(interval.service);
        latenessTotal.add(interval.lateness);
        if (log != null) {
            log.write(lastSampleMillis, nowMillis, interval.latency);
        }
        double p99 = Histograms.millis(interval.latency, 99);
        series.add(new IntervalPoint(lastSampleMillis, nowMillis, interval.responses, interval.errors,
                Histograms.millis(interval.latency, 50), p99));
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
        OutcomeCounts counts = counters.snapshot(0); // its scheduled part is not used: read below, after
        long sent = Math.max(0, scheduled.getAsLong() - counts.notSent());
        long completed = counts.judged();
        return new LiveFigures.Target(target, sent, Math.max(0, sent - completed), completed, counts.errors(),
                lastIntervalP99Millis);
    }

    /** Latency from intended start, over responses, as of the last sample; a copy. */
    synchronized Histogram latencyTotal() {
        return latencyTotal.copy();
    }

    /** One endpoint's latency from intended start, over responses; empty if it had none. Once every outcome is in. */
    synchronized Histogram latencyTotal(String endpoint) {
        Histogram[] h = endpointHistograms().get(endpoint);
        return h == null ? Histograms.newHistogram() : h[0];
    }

    /** Each endpoint's latency and service histograms, summed over the writers. */
    private Map<String, Histogram[]> endpointHistograms() {
        Map<String, Histogram[]> sums = new HashMap<>();
        for (WriterShard shard : shards) {
            shard.addEndpoints(sums);
        }
        return sums;
    }

    synchronized TargetSummary summarize(String address, ScheduleCounter scheduled) {
        return recording(address, scheduled).summary();
    }

    /** Everything recorded, copied: counts against {@code scheduled}, histograms, endpoints sorted by name. */
    synchronized TargetRecording recording(String address, ScheduleCounter scheduled) {
        Map<String, Histogram[]> histograms = endpointHistograms();
        Set<String> names = new TreeSet<>(endpointCounters.keySet());
        scheduled.endpoints().forEach(names::add);
        List<EndpointRecording> perEndpoint = new ArrayList<>();
        for (String name : names) {
            OutcomeCounters c = endpointCounters.get(name);
            Histogram[] h = histograms.get(name);
            perEndpoint.add(new EndpointRecording(name,
                    (c == null ? new OutcomeCounters() : c).snapshot(scheduled.endpoint(name)),
                    h == null ? Histograms.newHistogram() : h[0], h == null ? Histograms.newHistogram() : h[1]));
        }
        return new TargetRecording(target, address, counters.snapshot(scheduled.total()), latencyTotal.copy(),
                serviceTotal.copy(), latenessTotal.copy(), List.copyOf(perEndpoint), List.copyOf(series));
    }
}
