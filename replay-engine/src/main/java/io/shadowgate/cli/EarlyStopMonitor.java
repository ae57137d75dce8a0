package io.shadowgate.cli;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Looks;
import io.shadowgate.judge.Verdict;
import io.shadowgate.replay.Replayer;
import io.shadowgate.report.EarlyStop;
import io.shadowgate.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code run --stop-early}: after every evaluation window, judges everything measured so far
 * at that look's share of the error budget ({@link Looks}: O'Brien–Fleming-type spending over
 * the planned windows, so the first looks spend next to nothing and some none at all, which are
 * skipped), and stops the schedule at the first GO or NO_GO. Its own daemon thread; the
 * decision is read after the replay returns.
 */
final class EarlyStopMonitor implements AutoCloseable {

    private final Scenario scenario;
    private final int plannedWindows;
    private final Supplier<List<Evidence>> evidence;
    private final Replayer replayer;
    private final long windowMillis;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private int looks;
    private volatile Verdict decided;
    private volatile EarlyStop stop;

    /**
     * @param plannedWindows windows the traffic spans: the looks the error budget is spent over
     *                       ({@link Looks}), and the windows the run also judges one by one
     *                       ({@link Judge#withWindows}); below 2 when unknown
     */
    EarlyStopMonitor(Scenario scenario, Supplier<List<Evidence>> evidence, Replayer replayer, Duration window,
                     int plannedWindows) {
        this.scenario = scenario;
        this.plannedWindows = plannedWindows;
        this.evidence = evidence;
        this.replayer = replayer;
        this.windowMillis = window.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-early-stop");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::look, windowMillis, windowMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void look() {
        if (decided != null || replayer.isStopped()) {
            return;
        }
        looks++;
        if (!Looks.judged(scenario.gates().confidence(), looks, plannedWindows)) {
            return;
        }
        long atMillis = (System.nanoTime() - startNanos) / 1_000_000;
        List<Evidence> scopes = evidence.get();
        Verdict verdict = Judge.atInterimLook(scenario.gates(), scenario.seed(), looks, plannedWindows)
                .withWindows(plannedWindows).judge(scopes);
        if (verdict.decision() != Decision.INCONCLUSIVE) {
            long pairs = scopes.get(0).pairs() == null ? 0 : scopes.get(0).pairs().seen();
            stop = new EarlyStop(looks, atMillis, pairs, windowMillis, EarlyStop.LOOK);
            decided = verdict;
            replayer.stop();
        }
    }

    /** The verdict of the look that decided, or null if none did. */
    Verdict decided() {
        return decided;
    }

    EarlyStop stop() {
        return stop;
    }

    /** Interim looks taken (skipped ones included), for the closing judgement's confidence. */
    synchronized int looks() {
        return looks;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
