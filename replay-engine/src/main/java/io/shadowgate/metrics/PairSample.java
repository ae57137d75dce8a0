package io.shadowgate.metrics;

/**
 * A {@link PairReservoir}'s sample with the request id of each pair, in the reservoir's hash
 * order: what a shard stores so that a merge can pick the sample one process would have kept.
 * The arrays are not copied; do not change them.
 *
 * @param ids             request ids of pairs 0..size-1
 * @param baselineMicros  baseline latency from the intended start, µs
 * @param candidateMicros candidate latency of the same requests
 * @param seen            pairs seen (the sample is all of them when seen == size)
 */
public record PairSample(long[] ids, double[] baselineMicros, double[] candidateMicros, long seen) {

    public static final PairSample EMPTY = new PairSample(new long[0], new double[0], new double[0], 0);

    public PairSample {
        if (ids.length != baselineMicros.length || ids.length != candidateMicros.length) {
            throw new IllegalArgumentException("ids, baseline and candidate must be as long as each other, were "
                    + ids.length + ", " + baselineMicros.length + " and " + candidateMicros.length);
        }
        if (seen < ids.length) {
            throw new IllegalArgumentException("seen (" + seen + ") must be at least the pairs kept (" + ids.length + ")");
        }
    }

    public int size() {
        return ids.length;
    }

    /** As the judge reads it. */
    public PairedLatencies latencies() {
        return new PairedLatencies(baselineMicros.clone(), candidateMicros.clone(), ids.length, seen);
    }
}
