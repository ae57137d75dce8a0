package io.shadowgate.capture;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Numbers recorded exchanges in arrival order and remembers which are still in flight, so the
 * writer can put finished records in the file in arrival order although exchanges finish in
 * any order. {@link #begin} and {@link #end} are called by the event loops, {@link #horizon}
 * and {@link #giveUpBefore} by the writer; all are thread-safe and never wait for I/O.
 *
 * <p>One short lock guards the numbering, the arrival instant and the in-flight set together:
 * that is what makes "a lower number arrived earlier" and "nothing below the horizon can still
 * be in flight" true at the same time. Exchanges are few thousand a second; the lock is held
 * for a clock read and a tree insert.
 */
final class ArrivalOrder {

    /**
     * A recorded exchange's place in the order.
     *
     * @param seq          arrival number, from 0
     * @param arrivalNanos {@link System#nanoTime()} when the request arrived
     */
    record Ticket(long seq, long arrivalNanos) {
    }

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next;

    /** A ticket for a request arriving now. */
    synchronized Ticket begin() {
        Ticket t = new Ticket(next++, System.nanoTime());
        inFlight.add(t.seq());
        return t;
    }

    /**
     * The exchange finished (its record, if any, is already queued) or was abandoned. Returns
     * false if the writer had given up waiting for it.
     */
    synchronized boolean end(Ticket t) {
        return inFlight.remove(t.seq());
    }

    /**
     * The lowest arrival number that may still be in flight: every exchange numbered below it
     * has ended, so once the records queued so far are taken in, those below it can be written.
     */
    synchronized long horizon() {
        return inFlight.isEmpty() ? next : inFlight.first();
    }

    /** Stops waiting for the exchanges in flight numbered below {@code seq}; returns how many. */
    synchronized int giveUpBefore(long seq) {
        SortedSet<Long> stuck = inFlight.headSet(seq);
        int n = stuck.size();
        stuck.clear();
        return n;
    }
}
