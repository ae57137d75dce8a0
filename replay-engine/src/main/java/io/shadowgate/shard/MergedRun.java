package io.shadowgate.shard;

import io.shadowgate.compare.ResponseComparisonState;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.traffic.TrafficScan;
import java.nio.file.Path;
import java.util.List;

/**
 * A complete, consistent set of shards merged: what one process replaying the whole stream
 * would have recorded (counts, histograms, the pair samples), with each shard's own timing.
 *
 * @param result  the merged recordings in the shard format, {@code mergedFrom} = N (written as {@code merged.json})
 * @param traffic the whole stream as one run's scan would describe it
 * @param shards  each shard, by index
 * @param comparisons each shard's response comparison state, by index; empty when responses are
 *                not compared. Merged into {@code result} by {@link ShardMerge#withResponses}, which
 *                needs the scenario's comparison settings
 */
public record MergedRun(ShardResult result, TrafficScan traffic, List<Part> shards,
                        List<ResponseComparisonState> comparisons) {

    /**
     * One shard of the merge.
     *
     * @param index   its index
     * @param dir     where it was read from
     * @param records requests it replayed
     * @param timing  when it ran and its start skew
     * @param latenessP99Millis p99 of its schedule lateness, ms (NaN if it sent nothing)
     */
    public record Part(int index, Path dir, long records, ShardTiming timing, double latenessP99Millis) {
    }

    public List<TargetRecording> targets() {
        return result.targets();
    }

    public PairSamples pairs() {
        return result.pairs();
    }
}
