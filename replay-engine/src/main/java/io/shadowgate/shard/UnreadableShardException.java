package io.shadowgate.shard;

import java.nio.file.Path;

/**
 * A shard's result directory whose result cannot be used: the shard never finished, or its
 * result is damaged or of another format version. The set it belongs to cannot be merged.
 */
public final class UnreadableShardException extends Exception {

    private final Path dir;

    public UnreadableShardException(Path dir, String problem) {
        super(dir + ": " + problem);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }
}
