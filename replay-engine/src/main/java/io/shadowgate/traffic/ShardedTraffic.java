package io.shadowgate.traffic;

import java.util.NoSuchElementException;

/**
 * The requests of a stream that belong to one {@link Shard}, unchanged: same id, same intended
 * offset, so the shards replayed side by side from a common start send every request exactly
 * when one process replaying the whole stream would. Counts what it passed over, so a shard
 * can say how much of the stream it read.
 */
public final class ShardedTraffic implements TrafficSource {

    private final TrafficSource source;
    private final Shard shard;
    private Request next;
    private long others;

    public ShardedTraffic(TrafficSource source, Shard shard) {
        this.source = source;
        this.shard = shard;
    }

    /** {@code source} itself for the whole stream, else its part. */
    public static TrafficSource of(TrafficSource source, Shard shard) {
        return shard.isWhole() ? source : new ShardedTraffic(source, shard);
    }

    @Override
    public boolean hasNext() {
        while (next == null && source.hasNext()) {
            Request r = source.next();
            if (shard.includes(r)) {
                next = r;
            } else {
                others++;
            }
        }
        return next != null;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Request r = next;
        next = null;
        return r;
    }

    /** Requests read so far that belong to other shards. */
    public long others() {
        return others;
    }

    @Override
    public void close() {
        source.close();
    }
}
