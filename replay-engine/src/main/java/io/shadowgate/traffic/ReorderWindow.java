package io.shadowgate.traffic;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Puts requests back in timestamp order and pairs each with its response by id, while holding
 * only what is within {@code windowNanos} of the newest timestamp seen: memory follows the
 * window, not the stream. Single-threaded.
 *
 * <p>A request is released once the newest timestamp is more than the window past it (or at
 * {@link #finish()}), oldest first. A request that is already that far behind when it arrives
 * is "late": it is released at the next {@link #poll()}, before anything still held, and the
 * caller decides what its time means. A response pairs with a request held in the window, or
 * waits in the window for its request to arrive; a response whose request was already released,
 * or never comes, is counted as unpaired and dropped.
 *
 * @param <Q> request
 * @param <R> response
 */
final class ReorderWindow<Q, R> {

    /** A request leaving the window, with its response if one arrived in time. */
    record Released<Q, R>(String id, long timestampNanos, Q request, R response, boolean late) {
    }

    private static final class Held<Q, R> {
        final long sequence;
        final String id;
        final long timestampNanos;
        final Q request;
        final boolean late;
        R response;

        Held(long sequence, String id, long timestampNanos, Q request, boolean late) {
            this.sequence = sequence;
            this.id = id;
            this.timestampNanos = timestampNanos;
            this.request = request;
            this.late = late;
        }
    }

    private record Waiting<R>(String id, long timestampNanos, R response) {
    }

    private final long windowNanos;
    // Ties keep arrival order, so equal timestamps replay in the order they were captured.
    private final PriorityQueue<Held<Q, R>> held = new PriorityQueue<>(
            Comparator.<Held<Q, R>>comparingLong(h -> h.timestampNanos).thenComparingLong(h -> h.sequence));
    private final Map<String, Held<Q, R>> heldById = new HashMap<>();
    private final PriorityQueue<Waiting<R>> waiting = new PriorityQueue<>(Comparator.comparingLong(Waiting::timestampNanos));
    private final Map<String, Waiting<R>> waitingById = new HashMap<>();

    private long newest = Long.MIN_VALUE;
    private long sequence;
    private boolean finished;
    private long lateRequests;
    private long paired;
    private long unpaired;

    /** @param windowNanos how far behind the newest timestamp a record may arrive and still be ordered; >= 0 */
    ReorderWindow(long windowNanos) {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("windowNanos must be >= 0, was " + windowNanos);
        }
        this.windowNanos = windowNanos;
    }

    void addRequest(String id, long timestampNanos, Q request) {
        boolean late = timestampNanos < horizon();
        advance(timestampNanos);
        Held<Q, R> h = new Held<>(sequence++, id, timestampNanos, request, late);
        Waiting<R> w = waitingById.remove(id);
        if (w != null) {
            h.response = w.response();
            paired++;
        }
        lateRequests += late ? 1 : 0;
        held.add(h);
        heldById.put(id, h); // Ids are unique in GoReplay; on a repeat the newer request takes later responses.
    }

    void addResponse(String id, long timestampNanos, R response) {
        boolean behind = timestampNanos < horizon();
        advance(timestampNanos);
        Held<Q, R> h = heldById.get(id);
        if (h != null && h.response == null) {
            h.response = response;
            paired++;
        } else if (h != null || behind) {
            unpaired++; // A second response, or one whose request has left (or would arrive late).
        } else {
            Waiting<R> w = new Waiting<>(id, timestampNanos, response);
            if (waitingById.put(id, w) != null) {
                unpaired++;
            }
            waiting.add(w);
        }
    }

    /** The next request to release, or null until more records arrive (or {@link #finish()}). */
    Released<Q, R> poll() {
        Held<Q, R> h = held.peek();
        if (h == null || (!finished && h.timestampNanos >= horizon())) {
            return null;
        }
        held.poll();
        heldById.remove(h.id, h);
        return new Released<>(h.id, h.timestampNanos, h.request, h.response, h.late);
    }

    /** The stream has ended: everything held is released, and waiting responses will never pair. */
    void finish() {
        finished = true;
        unpaired += waitingById.size();
        waitingById.clear();
        waiting.clear();
    }

    /** Requests that arrived more than the window behind the newest timestamp. */
    long lateRequests() {
        return lateRequests;
    }

    long pairedResponses() {
        return paired;
    }

    long unpairedResponses() {
        return unpaired;
    }

    /** Requests and responses held now: what the window costs in memory. */
    int size() {
        return held.size() + waiting.size();
    }

    /** Records older than this have left (or are leaving) the window. */
    private long horizon() {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - windowNanos;
    }

    private void advance(long timestampNanos) {
        newest = Math.max(newest, timestampNanos);
        long horizon = horizon();
        // Responses still waiting for a request that would now be late give up: their request, if it comes, is emitted without one.
        while (!waiting.isEmpty() && waiting.peek().timestampNanos() < horizon) {
            Waiting<R> w = waiting.poll();
            if (waitingById.remove(w.id(), w)) {
                unpaired++;
            }
        }
    }
}
