package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import java.io.IOException;
import java.nio.file.Path;
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
 * never blocks on the sampler: each thread records into histograms of its own, which the
 * sampler swaps instead of locking ({@link WriterShard}); so is {@link #live}, which only
 * reads counters.
 */
public final class MetricsRecorder implements OutcomeSink, AutoCloseable {

    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;

    private final Map<String, TargetRecorder> targets = new LinkedHashMap<>();
    private final Map<String, Path> intervalLogs = new LinkedHashMap<>();
    private final List<String> intervalLogProblems = new ArrayList<>();
    private final ScheduleCounter scheduled;
    /** What each target was scheduled: all of {@link #scheduled} in shadow mode, its share in split mode. */
    private final Map<String, ScheduleCounter> scheduledByRole = new LinkedHashMap<>();
    private final long startNanos;
    private final ScheduledExecutorService sampler;

    /** Starts recording for {@code roles}; intervals are timed from now. */
    public MetricsRecorder(List<String> roles, ScheduleCounter scheduled, long intervalMillis) {
        this(roles, scheduled, Map.of(), intervalMillis, Map.of(), System.nanoTime());
    }

    /**
     * @param originNanos the {@link System#nanoTime()} instant intervals count from (now, or the
     *                    schedule's start when it is known in advance, so that the intervals of
     *                    shards sharing a start cover the same seconds of the schedule)
     */
    private MetricsRecorder(List<String> roles, ScheduleCounter scheduled, Map<String, ScheduleCounter> byRole,
                            long intervalMillis, Map<String, IntervalLog> logs, long originNanos) {
        for (String role : roles) {
            targets.put(role, new TargetRecorder(role, logs.get(role)));
            scheduledByRole.put(role, byRole.getOrDefault(role, scheduled));
        }
        logs.forEach((role, log) -> intervalLogs.put(role, log.file()));
        this.scheduled = scheduled;
        long now = System.nanoTime();
        this.startNanos = originNanos;
        long startWallMillis = System.currentTimeMillis() + (originNanos - now) / 1_000_000;
        logs.forEach((role, log) -> log.writeHeader(role, startWallMillis));
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-sampler");
            t.setDaemon(true);
            return t;
        });
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        sampler.scheduleAtFixedRate(this::sample, Math.max(0, originNanos - now) + intervalNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * As the constructor, and writes each target's latency from the intended send to an
     * HdrHistogram interval log, {@code <dir>/<role>.hlog}: a start and base time header (the
     * recorder's start), then one histogram per interval in microseconds, its start in seconds
     * from the base time; flushed every interval, complete (the last interval too) once
     * {@link #close()} returns.
     *
     * @throws IOException if a log cannot be created in {@code dir}; none is left open
     */
    public static MetricsRecorder withIntervalLogs(List<String> roles, ScheduleCounter scheduled, long intervalMillis,
                                                   Path dir) throws IOException {
        return withIntervalLogs(roles, scheduled, Map.of(), intervalMillis, dir);
    }

    /**
     * As {@link #withIntervalLogs(List, ScheduleCounter, long, Path)}, with intervals counted from
     * {@code originNanos} (a {@link System#nanoTime()} instant, now or later: the schedule's start),
     * so that shards sharing a start have intervals over the same seconds of the schedule.
     */
    public static MetricsRecorder withIntervalLogs(List<String> roles, ScheduleCounter scheduled, long intervalMillis,
                                                   Path dir, long originNanos) throws IOException {
        return new MetricsRecorder(roles, scheduled, Map.of(), intervalMillis, logs(roles, dir), originNanos);
    }

    /**
     * As {@link #withIntervalLogs(List, ScheduleCounter, long, Path)}, for a run whose targets are
     * each scheduled only part of the traffic (split mode): {@code byRole} counts what each
     * target was given; {@code scheduled} still counts every request of the stream.
     */
    public static MetricsRecorder withIntervalLogs(List<String> roles, ScheduleCounter scheduled,
                                                   Map<String, ScheduleCounter> byRole, long intervalMillis,
                                                   Path dir) throws IOException {
        return new MetricsRecorder(roles, scheduled, byRole, intervalMillis, logs(roles, dir), System.nanoTime());
    }

    private static Map<String, IntervalLog> logs(List<String> roles, Path dir) throws IOException {
        Map<String, IntervalLog> logs = new LinkedHashMap<>();
        try {
            for (String role : roles) {
                logs.put(role, IntervalLog.create(dir, role));
            }
        } catch (IOException e) {
            logs.values().forEach(IntervalLog::close);
            throw e;
        }
        return logs;
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

    /** As {@link #notSent(String, long)}, at {@code role} only (split mode: the target they would have gone to). */
    public void notSent(String role, String endpoint, long n) {
        targets.get(role).addNotSent(endpoint, n);
    }

    /** The run so far, for progress and live metrics; from any thread, at any time, without blocking recording. */
    public LiveFigures live() {
        long elapsedMillis = Math.max(0, System.nanoTime() - startNanos) / 1_000_000;
        List<LiveFigures.Target> perTarget = new ArrayList<>(targets.size());
        targets.forEach((role, recorder) -> perTarget.add(recorder.live(scheduledByRole.get(role)::total)));
        return new LiveFigures(elapsedMillis, scheduled.total(), perTarget);
    }

    private void sample() {
        long now = Math.max(0, System.nanoTime() - startNanos) / 1_000_000;
        for (TargetRecorder recorder : targets.values()) {
            recorder.sample(now);
        }
    }

    /** Stops the sampler, closes the last interval and the interval logs; call once every outcome is in. */
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
        targets.forEach((role, recorder) -> {
            if (!recorder.closeLog()) {
                intervalLogProblems.add(intervalLogs.get(role) + ": writing the interval log failed; it is incomplete");
            }
        });
    }

    /** The interval logs, one per role in order; empty unless made by {@link #withIntervalLogs}. */
    public List<Path> intervalLogs() {
        return List.copyOf(intervalLogs.values());
    }

    /** After {@link #close()}: one line per interval log that could not be written in full; empty when all were. */
    public synchronized List<String> intervalLogProblems() {
        return List.copyOf(intervalLogProblems);
    }

    /** Overall latency from intended start of {@code role}, over responses; a copy. Call after {@link #close()}. */
    public Histogram latency(String role) {
        return targets.get(role).latencyTotal();
    }

    /** One endpoint's latency at {@code role}, from intended start, over responses; a copy. Call after {@link #close()}. */
    public Histogram latency(String role, String endpoint) {
        return targets.get(role).latencyTotal(endpoint);
    }

    /** Per-target recordings (counts and histograms), in the order the roles were given. Call after {@link #close()}. */
    public List<TargetRecording> recordings(Map<String, String> addresses) {
        List<TargetRecording> out = new ArrayList<>();
        for (Map.Entry<String, TargetRecorder> e : targets.entrySet()) {
            out.add(e.getValue().recording(addresses.getOrDefault(e.getKey(), ""), scheduledByRole.get(e.getKey())));
        }
        return out;
    }

    /** Per-target summaries, in the order the roles were given. Call after {@link #close()}. */
    public List<TargetSummary> summaries(Map<String, String> addresses) {
        List<TargetSummary> out = new ArrayList<>();
        for (Map.Entry<String, TargetRecorder> e : targets.entrySet()) {
            out.add(e.getValue().summarize(addresses.getOrDefault(e.getKey(), ""), scheduledByRole.get(e.getKey())));
        }
        return out;
    }
}
