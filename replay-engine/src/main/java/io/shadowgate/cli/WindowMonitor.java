package io.shadowgate.cli;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.WindowRecorder;
import io.shadowgate.metrics.WindowSample;
import io.shadowgate.replay.Replayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Judges each evaluation window on its own as soon as all its requests have ended (a window's
 * end plus the request timeout, plus a settling margin), on its own daemon thread, so a
 * regression confined to part of a run is found and placed in time. With {@code --stop-early}
 * a window's NO_GO stops the schedule: nothing later can undo it.
 */
final class WindowMonitor implements AutoCloseable {

    /** Beyond the timeout: timers that fire a little late, and outcomes still on their way to the recorder. */
    private static final long SETTLE_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Judge judge;
    private final WindowRecorder recorder;
    private final long settleNanos;
    private final Replayer stopOnNoGo;
    private final ScheduledExecutorService timer;
    private final List<WindowVerdict> judged = new ArrayList<>();
    /** Closed windows without their pairs, kept for capacity knees; null when not asked for. */
    private final List<WindowSample> kept;
    private volatile long scheduleStart = Long.MIN_VALUE;
    private WindowVerdict stoppedBy;

    /**
     * @param judge       a judge {@link Judge#withWindows with the run's windows planned}
     * @param timeoutNanos the request timeout
     * @param stopOnNoGo  the replayer to stop at a window's NO_GO, or null to run on
     */
    WindowMonitor(Judge judge, WindowRecorder recorder, long timeoutNanos, Replayer stopOnNoGo, boolean keepWindows) {
        this.judge = judge;
        this.kept = keepWindows ? new ArrayList<>() : null;
        this.recorder = recorder;
        this.settleNanos = timeoutNanos + SETTLE_MARGIN_NANOS;
        this.stopOnNoGo = stopOnNoGo;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-windows");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::closeSettled, 1, 1, TimeUnit.SECONDS);
    }

    /** The {@link System#nanoTime()} instant request offsets count from; windows close from then on. */
    void scheduleStarted(long nanoTime) {
        scheduleStart = nanoTime;
    }

    private void closeSettled() {
        long start = scheduleStart;
        if (start != Long.MIN_VALUE) {
            judgeAll(recorder.closeUpTo(System.nanoTime() - start, settleNanos));
        }
    }

    private synchronized void judgeAll(List<WindowSample> closed) {
        for (WindowSample w : closed) {
            WindowVerdict v = judge.judgeWindow(w.index(), w.startNanos() / 1_000_000, w.endNanos() / 1_000_000,
                    new Evidence(scope(w), w.baselineLatency(), w.candidateLatency(), w.baseline(), w.candidate(),
                            w.pairs()));
            judged.add(v);
            if (kept != null) {
                kept.add(new WindowSample(w.index(), w.startNanos(), w.endNanos(), w.baselineLatency(),
                        w.candidateLatency(), w.baseline(), w.candidate(), null));
            }
            if (v.decision() == Decision.NO_GO && stopOnNoGo != null && stoppedBy == null && !stopOnNoGo.isStopped()) {
                stoppedBy = v;
                stopOnNoGo.stop();
            }
        }
    }

    static String scope(WindowSample w) {
        return String.format(Locale.ROOT, "window %s-%s s", seconds(w.startNanos()), seconds(w.endNanos()));
    }

    private static String seconds(long nanos) {
        return nanos % 1_000_000_000L == 0 ? Long.toString(nanos / 1_000_000_000L)
                : String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Stops watching, judges the windows still open (call once every outcome is in) and returns all, in order. */
    List<WindowVerdict> finish() {
        close();
        judgeAll(recorder.closeAll());
        synchronized (this) {
            return List.copyOf(judged);
        }
    }

    /** After {@link #finish}: every window without its pairs, in order, if they were kept; else empty. */
    synchronized List<WindowSample> windows() {
        return kept == null ? List.of() : List.copyOf(kept);
    }

    /** The window whose NO_GO stopped the run, or null. */
    synchronized WindowVerdict stoppedBy() {
        return stoppedBy;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
