package io.shadowgate.shard;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a shard's requests left it, for the merged run's schedule check: what its replayer
 * dispatched, how busy its event loop was, and per target what it sent and what first waited
 * for a connection. Added in {@code formatVersion} 3.
 *
 * @param dispatched      requests handed to the targets
 * @param loopBusy        the busiest client event loop's CPU time over the replay, 0 to 1, or -1
 * @param lastSentMicros  when the last request went out, from the shard's schedule start; -1 if none did
 * @param sent            per target role, requests sent to it
 * @param waited          per target role, requests that found all its connections busy and waited
 */
public record ShardSends(long dispatched, double loopBusy, long lastSentMicros, Map<String, Long> sent,
                         Map<String, Long> waited) {

    /** Several shards' as one run's: counts add, the busiest loop and the latest send stand for all. */
    static ShardSends combined(Iterable<ShardSends> parts) {
        long dispatched = 0;
        double busy = -1;
        long last = -1;
        Map<String, Long> sent = new TreeMap<>();
        Map<String, Long> waited = new TreeMap<>();
        for (ShardSends p : parts) {
            dispatched += p.dispatched;
            busy = Math.max(busy, p.loopBusy);
            last = Math.max(last, p.lastSentMicros);
            p.sent.forEach((role, n) -> sent.merge(role, n, Long::sum));
            p.waited.forEach((role, n) -> waited.merge(role, n, Long::sum));
        }
        return new ShardSends(dispatched, busy, last, sent, waited);
    }
}
