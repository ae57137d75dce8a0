package io.shadowgate.replay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.shadowgate.traffic.Request;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.ObjLongConsumer;

/**
 * The requests handed to one event loop ahead of their instants, each sent by that loop when
 * it is due. The loop keeps the schedule itself, on its own timer, so that a send does not wait
 * for another thread to wake up and hand it over: the scheduler thread only reads ahead and
 * wakes a few hundred times a second, however high the rate. On two cores that also run the
 * target, handing each due request over from the scheduler thread cost a thread wake-up per
 * send and put four busy threads on two cores (bench/README.md, issue #8).
 *
 * <p>{@link #add} and {@link #flush} may be called from any thread; everything else runs on
 * the loop.
 */
final class LoopSchedule {

    /** Sends per task at most, so that a loop far behind its schedule still reads its responses in between. */
    static final int MAX_SENDS_PER_TASK = 256;

    /** A request and the targets it was routed to (a bit set over the replayer's roles). */
    record Routed(Request request, long targets) {
    }

    private final EventLoop loop;
    private final long startNanos;
    private final LongPredicate sendable;
    private final ObjLongConsumer<Request> send;
    private final ObjLongConsumer<Request> notSent;
    private final ArrayDeque<Routed> pending = new ArrayDeque<>();
    private ScheduledFuture<?> timer;

    /**
     * @param sendable whether a request due at an instant may still go out (false once the run
     *                 stopped before that instant)
     * @param send     sends a request to its targets; on the loop
     * @param notSent  ends a request as not sent at its targets; on the loop
     */
    LoopSchedule(EventLoop loop, long startNanos, LongPredicate sendable, ObjLongConsumer<Request> send,
                 ObjLongConsumer<Request> notSent) {
        this.loop = loop;
        this.startNanos = startNanos;
        this.sendable = sendable;
        this.send = send;
        this.notSent = notSent;
    }

    /** Queues {@code batch}, in schedule order, behind what the loop already holds. Any thread. */
    void add(List<Routed> batch) {
        loop.execute(() -> {
            pending.addAll(batch);
            drain();
        });
    }

    /** After a stop: ends at once, as not sent, what was due only after it. Any thread. */
    void flush() {
        try {
            loop.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The loop is shut down: nothing is pending on it any more.
        }
    }

    /** Sends what is due, then sleeps until the next one is. */
    private void drain() {
        long now = System.nanoTime();
        int sent = 0;
        Routed head;
        while ((head = pending.peekFirst()) != null) {
            long due = dueNanos(head.request());
            if (!sendable.test(due)) {
                pending.pollFirst();
                notSent.accept(head.request(), head.targets());
                continue;
            }
            if (due - now > 0) {
                if (timer == null) {
                    timer = loop.schedule(this::fire, due - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            if (sent == MAX_SENDS_PER_TASK) {
                loop.execute(this::drain);
                return;
            }
            pending.pollFirst();
            send.accept(head.request(), head.targets());
            sent++;
        }
    }

    private void fire() {
        timer = null;
        drain();
    }

    private long dueNanos(Request request) {
        return startNanos + request.offsetMicros() * 1_000;
    }
}
