package io.shadowgate.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place outcomes leave the replayer: forwards each to the sink and counts exchanges
 * still open, so a run ends only when every scheduled request has its one outcome per target.
 * Thread-safe.
 */
final class Accounting {

    private final OutcomeSink sink;
    private final AtomicLong open = new AtomicLong();

    Accounting(OutcomeSink sink) {
        this.sink = sink;
    }

    void opened(int exchanges) {
        open.addAndGet(exchanges);
    }

    void closed(Outcome outcome) {
        try {
            sink.accept(outcome);
        } finally {
            open.decrementAndGet();
        }
    }

    /** Outcomes that never had an exchange (not sent): they do not touch the open count. */
    void notSent(Outcome outcome) {
        sink.accept(outcome);
    }

    long open() {
        return open.get();
    }

    /** Waits until every opened exchange is closed, or the deadline passes; returns whether all closed. */
    boolean awaitAllClosed(long deadlineNanos) {
        while (open.get() > 0) {
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }
}
