package io.shadowgate.shard;

/**
 * When a shard ran: measurements of its own process, which legitimately differ between shards
 * and are reported, never compared.
 *
 * @param startAtMillis           the common start asked for ({@code --start-at}), epoch ms, or null
 * @param scheduleStartEpochMicros the wall-clock instant this shard's schedule began, epoch µs
 * @param startSkewMicros         that instant minus {@code --start-at}: how late (or, by timer
 *                                granularity, early) this shard began; null without {@code --start-at}
 * @param startedMillis           when the shard process began the run, epoch ms
 * @param finishedMillis          when it finished, epoch ms
 */
public record ShardTiming(Long startAtMillis, long scheduleStartEpochMicros, Long startSkewMicros, long startedMillis,
                          long finishedMillis) {
}
