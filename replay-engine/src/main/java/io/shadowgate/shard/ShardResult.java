package io.shadowgate.shard;

import io.shadowgate.compare.ResponseComparisonState;
import io.shadowgate.metrics.TargetRecording;
import java.util.List;
import java.util.Map;

/**
 * Everything one shard of a sharded run recorded, as {@code shard.json} stores it: exact counts,
 * histograms in one configuration (so they add exactly), the request-pair samples chosen by a
 * hash of the request id (so the merged sample does not depend on which shard held what), the
 * response comparison's state (diff counts and examples, learned contracts, new rejections,
 * model outputs), and the shard's identity. It carries no verdict: only a merge of every shard judges.
 *
 * @param format         always {@link #FORMAT}
 * @param formatVersion  {@link #FORMAT_VERSION} for results this version writes; a merge reads only its own
 * @param identity       which shard of which run
 * @param histograms     the configuration of every histogram in the file
 * @param timing         when it ran and how far its start was from the common start
 * @param partial        true when the shard was interrupted before its schedule ended
 * @param mergedFrom     0 for a shard's own result; N for the result of merging N shards (as {@code merged.json})
 * @param command        the command line that ran the shard
 * @param scenarioFile   the scenario file as given on the command line
 * @param traffic        the stream and this shard's part of it
 * @param targetVersions the configured version per target role
 * @param targets        per target role, baseline first: counts and histograms
 * @param pairs          the request-pair samples
 * @param responses      what comparing the responses recorded, or null when the scenario compares none
 * @param sends          how its requests left (for the merged run's schedule check)
 */
public record ShardResult(String format, int formatVersion, ShardIdentity identity, HistogramConfig histograms,
                          ShardTiming timing, boolean partial, int mergedFrom, String command, String scenarioFile,
                          TrafficPart traffic, Map<String, String> targetVersions, List<TargetRecording> targets,
                          PairSamples pairs, ResponseComparisonState responses, ShardSends sends) {

    public static final String FORMAT = "shadowgate-shard";
    /** 2 added {@code responses}, 3 {@code sends}; a merge reads only its own version. */
    public static final int FORMAT_VERSION = 3;

    /** This result with {@code merged} as its response comparison state. */
    public ShardResult withResponses(ResponseComparisonState merged) {
        return new ShardResult(format, formatVersion, identity, histograms, timing, partial, mergedFrom, command,
                scenarioFile, traffic, targetVersions, targets, pairs, merged, sends);
    }
}
