package io.shadowgate.bench;

import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.replay.ReplayOptions;
import io.shadowgate.replay.ReplaySummary;
import io.shadowgate.replay.Replayer;
import io.shadowgate.replay.TargetUnreachableException;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import io.shadowgate.traffic.SynthesizedTraffic;
import io.shadowgate.traffic.TrafficSource;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One shadow-mode run at one paired rate against two running targets, measured: a fresh
 * replayer and recorder, constant arrivals of the predict request, process CPU over the replay.
 * A watchdog stops the schedule if a run overstays, so every run ends by itself. It can also
 * wait for the machine to be quiet first ({@link #awaitQuietMachine}). One thread only.
 */
final class PairedRun implements AutoCloseable {

    static final RequestTemplate PREDICT = new RequestTemplate("predict", 1, "POST", "/v1/predict",
            Map.of("content-type", "application/json"), "{\"features\": {{features:8}}}");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final int WARMUP_CONNECTIONS = 16;
    /** The watchdog stops a schedule this long after it should have ended. */
    static final Duration OVERSTAY = Duration.ofSeconds(15);

    private final Map<String, URI> targets;
    private final ReplayOptions options;
    private final CpuMeter meter;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-sweep-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** {@code targets}: baseline first, candidate second; {@code targetPids}: their processes, if outside this one. */
    PairedRun(Map<String, URI> targets, Set<Long> targetPids, int maxConnections, int clientThreads) {
        this.targets = new LinkedHashMap<>(targets);
        this.meter = new CpuMeter(targetPids);
        this.options = new ReplayOptions(CONNECT_TIMEOUT, REQUEST_TIMEOUT, maxConnections,
                Math.min(WARMUP_CONNECTIONS, maxConnections), clientThreads, false);
    }

    /** How a wait for a quiet machine ended: after how long, and how busy the others were last. */
    record QuietWait(long waitedMillis, double elsewhereCores) {
        boolean quiet() {
            return !(elsewhereCores > SweepOptions.SHARED_CORES);
        }
    }

    /**
     * Waits, up to {@code maxWaitMillis}, until other processes have used at most
     * {@link SweepOptions#SHARED_CORES} cores over the last second, so a run does not start in
     * the middle of someone else's build. Returns at once when the machine is already quiet.
     */
    QuietWait awaitQuietMachine(long maxWaitMillis) {
        long start = System.nanoTime();
        while (true) {
            double busy = meter.elsewhereCoresLastSecond();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!(busy > SweepOptions.SHARED_CORES) || waited >= maxWaitMillis) {
                return new QuietWait(waited, busy);
            }
            try {
                Thread.sleep(OtherProcesses.POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new QuietWait(waited, busy);
            }
        }
    }

    /** Replays {@code rate} paired requests a second for {@code seconds} and measures it. */
    RateResult run(int rate, int seconds, int pass, long seed) {
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(seconds), rate, Arrivals.CONSTANT, List.of(PREDICT));
        ScheduleCounter scheduled = new ScheduleCounter();
        // Collect the previous run's garbage now rather than during this one.
        System.gc();
        MetricsRecorder recorder = new MetricsRecorder(List.copyOf(targets.keySet()), scheduled,
                MetricsRecorder.DEFAULT_INTERVAL_MILLIS);
        try (Replayer replayer = new Replayer(targets, options, recorder);
             TrafficSource traffic = scheduled.counting(new SynthesizedTraffic(spec, seed))) {
            replayer.connect();
            ScheduledFuture<?> guard = watchdog.schedule(replayer::stop,
                    TimeUnit.SECONDS.toMillis(seconds) + OVERSTAY.toMillis(), TimeUnit.MILLISECONDS);
            CpuMeter.Snapshot before = meter.snapshot();
            ReplaySummary summary;
            try {
                summary = replayer.replay(traffic);
            } finally {
                guard.cancel(false);
            }
            CpuMeter.Usage cpu = CpuMeter.between(before, meter.snapshot());
            recorder.close();
            Map<String, String> addresses = new LinkedHashMap<>();
            targets.forEach((role, uri) -> addresses.put(role, uri.toString()));
            List<TargetSummary> measured = recorder.summaries(addresses);
            return RateResult.of(rate, pass, summary, measured, cpu);
        } catch (TargetUnreachableException | RuntimeException e) {
            recorder.close();
            return RateResult.failed(rate, pass, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        meter.close();
    }
}
