package io.shadowgate.shard;

import io.shadowgate.traffic.ControlledTraffic;
import java.util.List;
import java.util.Map;

/**
 * The traffic a shard replayed: the whole stream's identity and size, and the shard's part of it.
 *
 * @param source        where the traffic came from, e.g. {@code synth}
 * @param sha256Of      what the SHA-256 in the identity is of ({@code records} or {@code file})
 * @param streamRecords requests the whole stream yields: the shards' {@code records} must add up to it
 * @param records       requests of this shard's part
 * @param skipped       malformed records skipped in the whole stream
 * @param problems      what was wrong with them
 * @param replay        what the replay controls left out of the whole stream, or null
 * @param endpoints     this shard's requests per endpoint
 * @param spanMicros    the last intended offset among this shard's requests
 */
public record TrafficPart(String source, String sha256Of, long streamRecords, long records, long skipped,
                          List<String> problems, ControlledTraffic.Stats replay, Map<String, Long> endpoints,
                          long spanMicros) {
}
