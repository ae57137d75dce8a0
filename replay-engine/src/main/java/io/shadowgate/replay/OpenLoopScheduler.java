package io.shadowgate.replay;

import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficSource;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Walks a traffic stream and hands each request to the dispatcher at its intended instant,
 * whether or not earlier requests have been answered (open loop). It never waits for a
 * response, so a stalled target cannot slow the schedule down. Runs on the caller's thread.
 */
final class OpenLoopScheduler {

    /** Below this the scheduler spins instead of parking: parking overshoots by ~50-100 µs on Linux. */
    static final long SPIN_NANOS = 60_000;

    private OpenLoopScheduler() {
    }

    /**
     * Dispatches requests until the stream ends or {@code stopped} says so. Once stopped it
     * reads no further: a request already read but not yet due goes to {@code notSent}, and
     * what the stream still holds is left for the caller to account in bulk (reading hours of
     * traffic one request at a time would outlast any shutdown).
     *
     * @return the number of requests dispatched
     */
    static long run(TrafficSource source, long startNanos, BooleanSupplier stopped,
                    Consumer<Request> dispatch, Consumer<Request> notSent) {
        long dispatched = 0;
        while (!stopped.getAsBoolean() && source.hasNext()) {
            Request request = source.next();
            if (waitUntil(startNanos + request.offsetMicros() * 1_000, stopped)) {
                dispatch.accept(request);
                dispatched++;
            } else {
                notSent.accept(request);
            }
        }
        return dispatched;
    }

    /** Parks then spins until {@code deadline}; false if stopped first (the request is then not sent). */
    private static boolean waitUntil(long deadlineNanos, BooleanSupplier stopped) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(Math.min(remaining - SPIN_NANOS, 50_000_000));
                if (stopped.getAsBoolean()) {
                    return false;
                }
            } else {
                Thread.onSpinWait();
            }
        }
        return true;
    }
}
