package io.shadowgate.replay;

import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Walks a traffic stream and hands requests to the dispatcher at their intended instants,
 * whether or not earlier requests have been answered (open loop). It never waits for a
 * response, so a stalled target cannot slow the schedule down. Runs on the caller's thread.
 *
 * <p>It sleeps until the next request is due and then hands over, in one batch, every request
 * due by the time it woke. It does not spin: on a machine whose cores also run the event loops
 * (and, on a load box, often the targets), a spinning scheduler takes a core from them to win
 * the ~50 µs a park overshoots by. Measured on two cores against nginx (bench/README.md, issue
 * #8): spinning the last 60 µs before each send kept a whole core busy from 17,000 dispatches/s
 * up, and parking instead raised throughput at saturation by 8 to 20 %; lateness p50 is about
 * 0.1 ms instead of 0.04, far inside the 1 ms the tool promises at p99.
 */
final class OpenLoopScheduler {

    /** At most this many requests in one hand-over, so a schedule far behind still checks for a stop. */
    static final int MAX_BATCH = 256;

    private OpenLoopScheduler() {
    }

    /**
     * Dispatches requests until the stream ends or {@code stopped} says so. Once stopped it
     * reads no further: a request already read but not yet due goes to {@code notSent}, and
     * what the stream still holds is left for the caller to account in bulk (reading hours of
     * traffic one request at a time would outlast any shutdown).
     *
     * @param dispatch receives each batch of due requests, in stream order; the list is its to keep
     * @return the number of requests dispatched
     */
    static long run(TrafficSource source, long startNanos, BooleanSupplier stopped,
                    Consumer<List<Request>> dispatch, Consumer<Request> notSent) {
        long dispatched = 0;
        Request next = null;
        while (!stopped.getAsBoolean() && (next != null || source.hasNext())) {
            Request first = next != null ? next : source.next();
            next = null;
            if (!waitUntil(dueNanos(startNanos, first), stopped)) {
                notSent.accept(first);
                return dispatched;
            }
            List<Request> batch = new ArrayList<>(8);
            batch.add(first);
            long now = System.nanoTime();
            while (batch.size() < MAX_BATCH && source.hasNext()) {
                Request request = source.next();
                if (dueNanos(startNanos, request) - now > 0) {
                    next = request;
                    break;
                }
                batch.add(request);
            }
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
