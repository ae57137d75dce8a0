package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Records every outcome of a run per target and endpoint, and closes an interval of the time
 * series every second on its own daemon thread. {@link #accept} is safe from any thread and
 * never blocks on the sampler (HdrHistogram {@code Recorder}s swap buffers instead of locking).
 */
public final class MetricsRecorder implements OutcomeSink, AutoCloseable {

    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;

    private final Map<String, TargetRecorder> targets = new LinkedHashMap<>();
    private final ScheduleCounter scheduled;
    private final long startNanos;
    private final ScheduledExecutorService sampler;

    /** Starts recording for {@code roles}; intervals are timed from now. */
    public MetricsRecorder(List<String> roles, ScheduleCounter scheduled, long intervalMillis) {
        for (String role : roles) {
            targets.put(role, new TargetRecorder(role));
        }
        this.scheduled = scheduled;
        this.startNanos = System.nanoTime();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void accept(Outcome outcome) {
        TargetRecorder recorder = targets.get(outcome.target());
        if (recorder == null) {
            throw new IllegalArgumentException("outcome for unknown target '" + outcome.target() + "'");
        }
        recorder.record(outcome);
    }

    /**
     * Accounts {@code n} requests of {@code endpoint} that a stopped run never read, at every
     * target, as not sent; the schedule counter must be told the same (see {@link ScheduleCounter#add}).
     */
    public void notSent(String endpoint, long n) {
        for (TargetRecorder recorder : targets.values()) {
            recorder.addNotSent(endpoint, n);
        }
    }

    private void sample() {
        long now = (System.nanoTime() - startNanos) / 1_000_000;
        for (TargetRecorder recorder : targets.values()) {
            recorder.sample(now);
        }
    }

    /** Stops the sampler and closes the last interval; call once every outcome is in. */
    @Override
    public synchronized void close() {
        if (sampler.isShutdown()) {
            return;
        }
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** Overall latency from intended start of {@code role}, over responses; a copy. */
    public Histogram latency(String role) {
        return targets.get(role).latencyTotal();
    }

    /** One endpoint's latency at {@code role}, from intended start, over responses; a copy. */
    public Histogram latency(String role, String endpoint) {
        return targets.get(role).latencyTotal(endpoint);
    }

    /** Per-target summaries, in the order the roles were given. Call after {@link #close()}. */
    public List<TargetSummary> summaries(Map<String, String> addresses) {
        List<TargetSummary> out = new ArrayList<>();
        for (Map.Entry<String, TargetRecorder> e : targets.entrySet()) {
            out.add(e.getValue().summarize(addresses.getOrDefault(e.getKey(), ""), scheduled));
        }
        return out;
    }
}
