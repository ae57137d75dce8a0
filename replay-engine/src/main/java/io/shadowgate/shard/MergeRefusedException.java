package io.shadowgate.shard;

/**
 * A set of shard results that cannot be merged into a verdict: a shard missing or given twice,
 * shards of different runs, an unfinished or damaged shard, or counts that do not reconcile.
 * The message is one line naming the directory and the reason; the run is INCONCLUSIVE.
 */
public final class MergeRefusedException extends Exception {

    public MergeRefusedException(String message) {
        super(message);
    }
}
