package io.shadowgate.traffic;

/**
 * A traffic scan for one shard ({@link TrafficSources#scan(io.shadowgate.scenario.TrafficInput, long, boolean, Shard)}).
 *
 * @param part          the shard's part: its records, endpoints and span, with the whole stream's
 *                      hash, skipped records and problems
 * @param streamRecords requests the whole stream yields, all shards together
 */
public record ShardScan(TrafficScan part, long streamRecords) {
}
