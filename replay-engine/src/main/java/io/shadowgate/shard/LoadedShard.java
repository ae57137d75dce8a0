package io.shadowgate.shard;

import java.nio.file.Path;

/** A shard result and the directory it was read from. */
public record LoadedShard(Path dir, ShardResult result) {
}
