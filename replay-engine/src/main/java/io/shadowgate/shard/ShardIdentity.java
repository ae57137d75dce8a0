package io.shadowgate.shard;

/**
 * Which part of which run a shard result is: every shard of one run agrees on everything but
 * {@code index}, and a merge refuses a set where any other field differs.
 *
 * @param index                this shard, 0 .. count - 1
 * @param count                how many shards share the traffic
 * @param scenarioName         the scenario's name
 * @param scenarioSha256       SHA-256 of the scenario file's bytes
 * @param trafficSha256        SHA-256 of the whole traffic (every shard scans all of it)
 * @param toolVersion          the Shadowgate version that ran the shard
 * @param seed                 the scenario seed (the pair sample is chosen by a hash under it)
 * @param deterministicLatency whether latencies were stated by simulated targets, not measured
 */
public record ShardIdentity(int index, int count, String scenarioName, String scenarioSha256, String trafficSha256,
                            String toolVersion, long seed, boolean deterministicLatency) {

    /** {@code I/N}. */
    public String shard() {
        return index + "/" + count;
    }
}
