package io.shadowgate.shard;

/** A directory given to a merge is not a shard's result directory at all: bad input, not a missing shard. */
public final class NotAShardException extends Exception {

    public NotAShardException(String message) {
        super(message);
    }
}
