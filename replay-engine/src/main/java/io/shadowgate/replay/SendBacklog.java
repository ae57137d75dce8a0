package io.shadowgate.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How many exchanges each target has been handed and not yet written, and the scheduler's
 * wait while every target has more than a bound of them ({@link #HIGH_PER_LOOP} a client event loop).
 *
 * <p>When the replayer and its targets together cannot keep the schedule (an over-offered run,
 * a saturation test), the open loop used to go on reading requests and handing them over, and
 * the backlog grew on the heap for as long as the run lasted: a 15 s run at saturation held
 * 300,000 exchanges at its end, every young GC copied them again (pauses grew from 13 to 34 ms),
 * and every request left the queue cold in the cache. Now the scheduler stops reading while
 * every target is that far behind, and goes on when one of them has caught up to half of it:
 * the backlog stays in the traffic source, where it costs nothing. Nothing else changes:
 * requests keep their intended instants, so their lateness and their latency from the intended
 * instant count the wait, as they counted the queue.
 *
 * <p>Only when <em>every</em> target is behind: a stalled candidate alone must not hold back
 * the baseline's requests (that would make the baseline look as slow as the candidate); its
 * backlog stays bounded by the request timeout, as before. The bound is above what the
 * schedule's lookahead hands over ahead of time ({@link #HIGH_PER_LOOP}), so a run on schedule
 * does not wait here.
 *
 * <p>{@link #added} and {@link #awaitRoom} run on the scheduler thread, {@link #left} on any
 * event loop.
 */
final class SendBacklog {

    /**
     * The scheduler waits while every target has more unwritten exchanges than this, for each
     * event loop: 2,048 is 10 ms of the lookahead at 204,800 requests a second a target, far
     * above what one loop sends, and small enough that the backlog stays in the cache. With
     * 16,384 a loop, saturation runs delivered 2.5 % less (bench/README.md).
     */
    static final int HIGH_PER_LOOP = 2_048;
    /** A wake-up that raced the wait is found again this soon. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicLongArray unwritten;
    private final int high;
    /** The scheduler goes on when some target is down to this. */
    private final int low;
    private volatile Thread waiting;

    /** @param high the bound: {@link #HIGH_PER_LOOP} a loop, or a small one in tests, to reach it with little traffic */
    SendBacklog(int targets, int high) {
        if (high < 2) {
            throw new IllegalArgumentException("the bound must be at least 2, was " + high);
        }
        this.unwritten = new AtomicLongArray(targets);
        this.high = high;
        this.low = high / 2;
    }

    /**
     * The most requests to hand over between two checks of the bound, so that a schedule far
     * behind (whose every request is due at once) overshoots it by little.
     */
    int chunk() {
        return Math.max(1, Math.min(256, high / 8));
    }

    /** {@code count} exchanges for {@code target} were handed to the event loops. */
    void added(int target, int count) {
        unwritten.addAndGet(target, count);
    }

    /** One exchange for {@code target} was written, or ended without being written. Any thread. */
    void left(int target) {
        if (unwritten.decrementAndGet(target) == low) {
            Thread scheduler = waiting;
            if (scheduler != null) {
                LockSupport.unpark(scheduler);
            }
        }
    }

    /** Unwritten exchanges for {@code target} now. */
    long unwritten(int target) {
        return unwritten.get(target);
    }

    /**
     * Returns at once unless every target has more unwritten exchanges than the bound; then
     * once one of them is down to half the bound, so that the scheduler goes on with room for
     * many hand-overs rather than one. Also returns when {@code stopped} says so.
     */
    void awaitRoom(BooleanSupplier stopped) {
        if (!everyTargetAbove(high)) {
            return;
        }
        waiting = Thread.currentThread();
        try {
            // Checked again after announcing the wait: a target that reached the low mark before it was seen is not missed.
            while (everyTargetAbove(low) && !stopped.getAsBoolean()) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        } finally {
            waiting = null;
        }
    }

    private boolean everyTargetAbove(long mark) {
        for (int t = 0; t < unwritten.length(); t++) {
            if (unwritten.get(t) <= mark) {
                return false;
            }
        }
        return unwritten.length() > 0;
    }
}
