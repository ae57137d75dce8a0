package io.shadowgate.sim;

import java.util.PriorityQueue;

/**
 * The service slots of one simulated server, shared by all its connections and event loops:
 * at most {@code concurrency} requests are in service at once, and a request arriving when all
 * are taken waits, first come first served, for the earliest one to free. Thread-safe.
 *
 * <p>Service times are drawn when a request arrives, so the queue needs no callbacks: it keeps
 * when each busy slot frees and answers at once when a new request will finish
 * ({@code max(arrival, earliest free) + service}). The caller then sets one timer for that
 * instant; nothing sleeps and nothing is handed between event loops. Times are
 * {@link System#nanoTime()} values.
 */
final class ServiceQueue {

    /** No limit: every request finishes its service time after it arrives. */
    static final ServiceQueue UNLIMITED = new ServiceQueue(0);

    /** 0 for no limit. */
    private final int slots;
    /** When each busy slot frees; slots freed before the latest arrival are dropped. Guarded by itself. */
    private final PriorityQueue<Long> freeAt = new PriorityQueue<>();

    private ServiceQueue(int slots) {
        this.slots = slots;
    }

    /** A queue with {@code concurrency} slots, or {@link #UNLIMITED} for 0. */
    static ServiceQueue of(int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be >= 1, or 0 for unlimited (was " + concurrency + ")");
        }
        return concurrency == 0 ? UNLIMITED : new ServiceQueue(concurrency);
    }

    /** When a request arriving at {@code arrivalNanos} and needing {@code serviceNanos} of service is done. */
    long finishNanos(long arrivalNanos, long serviceNanos) {
        if (slots == 0) {
            return Nanos.add(arrivalNanos, serviceNanos);
        }
        synchronized (freeAt) {
            while (!freeAt.isEmpty() && freeAt.peek() <= arrivalNanos) {
                freeAt.poll();
            }
            // Every slot left in the heap is busy past the arrival; with all taken, wait for the first to free.
            long start = freeAt.size() < slots ? arrivalNanos : freeAt.poll();
            long finish = Nanos.add(start, serviceNanos);
            freeAt.add(finish);
            return finish;
        }
    }
}
