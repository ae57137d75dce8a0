package io.shadowgate.compare.response;

/** Which two responses a compared pair holds. */
public enum PairType {
    /** Baseline against candidate: the differences a rollout would bring. */
    CANDIDATE,
    /**
     * Baseline against baseline: a {@code baseline-replica} target, or the same request sent to
     * the baseline twice. What differs here differs with no change of version at all.
     */
    NOISE
}
