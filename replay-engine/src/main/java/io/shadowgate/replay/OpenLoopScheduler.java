package io.shadowgate.replay;

import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Walks a traffic stream and hands requests to the dispatcher ahead of their intended
 * instants, whether or not earlier requests have been answered (open loop). It never waits for
 * a response, so a stalled target cannot slow the schedule down. Runs on the caller's thread.
 *
 * <p>It reads ahead: each hand-over carries every request due within the lookahead, and the
 * event loops send each at its instant on their own timers ({@link LoopSchedule}). It then
 * sleeps for at least half the lookahead, so it wakes a few hundred times a second however
 * high the rate. With no lookahead it hands each request over when it is due, in one batch
 * with every other request due by then. It never spins: on a machine whose cores also run the
 * event loops (and, on a load box, often the targets), a spinning scheduler takes a core from
 * them. Measured on two cores against nginx (bench/README.md, issue #8): spinning the last
 * 60 µs before each send kept a whole core busy from 17,000 dispatches/s up, and parking
 * instead raised throughput at saturation by 8 to 20 %.
 */
final class OpenLoopScheduler {

    /** At most this many requests in one hand-over, so a schedule far behind still checks for a stop. */
    static final int MAX_BATCH = 1024;

    private OpenLoopScheduler() {
    }

    /**
     * Dispatches requests until the stream ends or {@code stopped} says so. Once stopped it
     * reads no further: a request already read but not yet handed over goes to {@code notSent},
     * and what the stream still holds is left for the caller to account in bulk (reading hours
     * of traffic one request at a time would outlast any shutdown).
     *
     * @param lookaheadNanos how long before its instant a request is handed over; 0 for at its instant
     * @param dispatch       receives each batch, in stream order; the list is its to keep
     * @return the number of requests dispatched
     */
    static long run(TrafficSource source, long startNanos, long lookaheadNanos, BooleanSupplier stopped,
                    Consumer<List<Request>> dispatch, Consumer<Request> notSent) {
        long dispatched = 0;
        Request next = null;
        long restUntil = 0;
        boolean resting = false;
        while (!stopped.getAsBoolean() && (next != null || source.hasNext())) {
            Request first = next != null ? next : source.next();
            next = null;
            long wake = dueNanos(startNanos, first) - lookaheadNanos;
            if (resting && restUntil - wake > 0) {
                wake = restUntil;
            }
            if (!waitUntil(wake, stopped)) {
                notSent.accept(first);
                return dispatched;
            }
            List<Request> batch = new ArrayList<>(8);
            batch.add(first);
            long now = System.nanoTime();
            long horizon = now + lookaheadNanos;
            while (batch.size() < MAX_BATCH && source.hasNext()) {
                Request request = source.next();
                if (dueNanos(startNanos, request) - horizon > 0) {
                    next = request;
                    break;
                }
                batch.add(request);
            }
            // Caught up with the horizon: rest half the lookahead before the next hand-over.
            // A full batch means the reading is behind, so the next one goes at once.
            resting = batch.size() < MAX_BATCH && lookaheadNanos > 0;
            restUntil = now + lookaheadNanos / 2;
            dispatch.accept(batch);
            dispatched += batch.size();
        }
        if (next != null) {
            notSent.accept(next);
        }
        return dispatched;
    }

    private static long dueNanos(long startNanos, Request request) {
        return startNanos + request.offsetMicros() * 1_000;
    }

    /** Parks until {@code deadline}; false if stopped first (the request is then not sent). */
    private static boolean waitUntil(long deadlineNanos, BooleanSupplier stopped) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(remaining, 50_000_000));
            if (stopped.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }
}
