package io.shadowgate.cli;

import io.shadowgate.traffic.Shard;
import java.util.Map;

/**
 * {@code run}'s partition flags, checked: {@code --shard I/N}, or {@code --shards N} with I from
 * {@code JOB_COMPLETION_INDEX} (what a Kubernetes Indexed Job sets in each pod), and
 * {@code --start-at} epoch milliseconds. A pure function of the flags and the environment.
 *
 * @param shard         which part of the traffic, or null for a whole run
 * @param startAtMillis the common start, or null
 */
record ShardFlags(Shard shard, Long startAtMillis) {

    /** The variable a Kubernetes Indexed Job sets to each pod's index. */
    static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

    /** Epoch milliseconds below this (September 2001) are taken for a mistake, most likely seconds. */
    static final long EARLIEST_MILLIS = 1_000_000_000_000L;
    /** A start further ahead than this is taken for a mistake. */
    static final long LATEST_AHEAD_MILLIS = 24L * 3_600_000;

    /**
     * @throws IllegalArgumentException with the message for the user, naming the flag
     */
    static ShardFlags resolve(String shardText, Integer shards, String startAt, Map<String, String> env,
                              long nowMillis) {
        if (shardText != null && shards != null) {
            throw new IllegalArgumentException("give --shard I/N or --shards N, not both");
        }
        Shard shard = null;
        if (shardText != null) {
            try {
                shard = Shard.parse(shardText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--shard: " + e.getMessage());
            }
        } else if (shards != null) {
            if (shards < 1) {
                throw new IllegalArgumentException("--shards must be at least 1, was " + shards);
            }
            String index = env.get(INDEX_VARIABLE);
            if (index == null || index.isBlank()) {
                throw new IllegalArgumentException("--shards " + shards + " takes this shard's index from "
                        + INDEX_VARIABLE + " (set in each pod of a Kubernetes Indexed Job), which is not set; "
                        + "outside Kubernetes give --shard I/" + shards);
            }
            int i;
            try {
                i = Integer.parseInt(index.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(INDEX_VARIABLE + " is '" + index + "', not a whole number");
            }
            if (i < 0 || i >= shards) {
                throw new IllegalArgumentException(INDEX_VARIABLE + " is " + i + ", outside 0.." + (shards - 1)
                        + " for --shards " + shards);
            }
            shard = new Shard(i, shards);
        }
        Long start = null;
        if (startAt != null) {
            if (shard == null) {
                throw new IllegalArgumentException("--start-at goes with --shard I/N or --shards N");
            }
            start = startAt(startAt.trim(), nowMillis);
        }
        return new ShardFlags(shard, start);
    }

    private static long startAt(String text, long nowMillis) {
        long millis;
        try {
            millis = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--start-at '" + text + "' is not a number; expected epoch "
                    + "milliseconds, e.g. " + (nowMillis / 1_000 + 60) * 1_000 + " for a minute from now");
        }
        if (millis < EARLIEST_MILLIS) {
            throw new IllegalArgumentException("--start-at " + text + " is before 2001; expected epoch milliseconds"
                    + (millis >= 1_000_000_000L ? " (this looks like seconds: " + text + "000?)" : ""));
        }
        if (millis > nowMillis + LATEST_AHEAD_MILLIS) {
            throw new IllegalArgumentException("--start-at " + text + " is more than 24 hours ahead of this "
                    + "machine's clock (" + nowMillis + "); expected epoch milliseconds");
        }
        return millis;
    }
}
