package io.shadowgate.replay;

import io.netty.channel.Channel;
import io.shadowgate.traffic.Request;

/**
 * One request on its way to one target: waiting for a connection, in flight, then ended
 * exactly once. Confined to its pool's event loop, so it needs no synchronisation.
 */
final class Exchange {

    final Request request;
    final String target;
    final long runStartNanos;
    final long intendedNanos;
    private final Accounting accounting;
    private final SendBacklog backlog;
    private final int targetIndex;

    private long sentNanos = -1;
    private Channel channel;
    private ConnectionPool pool;
    private boolean ended;

    /** @param backlog counts it, as target {@code targetIndex}'s, until it is written or ends unwritten */
    Exchange(Request request, String target, long runStartNanos, long intendedNanos, Accounting accounting,
             SendBacklog backlog, int targetIndex) {
        this.request = request;
        this.target = target;
        this.runStartNanos = runStartNanos;
        this.intendedNanos = intendedNanos;
        this.accounting = accounting;
        this.backlog = backlog;
        this.targetIndex = targetIndex;
    }

    boolean ended() {
        return ended;
    }

    /** The pool that times it out; it hears when the exchange ends. */
    void trackedBy(ConnectionPool owner) {
        this.pool = owner;
    }

    void sentOn(Channel ch, long nowNanos) {
        this.channel = ch;
        this.sentNanos = nowNanos;
        backlog.left(targetIndex);
    }

    /** The connection it was written to, or null while it waits. */
    Channel channel() {
        return channel;
    }

    void end(OutcomeKind kind, int status, ResponseContent response) {
        end(kind, status, response, -1);
    }

    /** As {@link #end(OutcomeKind, int, ResponseContent)}, with the latency the target stated, or -1. */
    void end(OutcomeKind kind, int status, ResponseContent response, long statedNanos) {
        if (ended) {
            return;
        }
        ended = true;
        channel = null;
        if (sentNanos < 0) {
            backlog.left(targetIndex);
        }
        long now = System.nanoTime();
        accounting.closed(new Outcome(request.id(), target, request.endpoint(), kind, status,
                intendedNanos - runStartNanos, sentNanos < 0 ? -1 : sentNanos - runStartNanos,
                now - runStartNanos, response, statedNanos));
        if (pool != null) {
            pool.ended();
        }
    }
}
