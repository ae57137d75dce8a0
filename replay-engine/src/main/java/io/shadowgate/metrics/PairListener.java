package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;

/** Told of each request whose baseline and candidate outcomes both count as latency. */
@FunctionalInterface
public interface PairListener {

    /** Listens to nothing. One instance, so every recorder without a listener calls the same class. */
    PairListener NONE = (baseline, candidate) -> { };

    void pair(Outcome baseline, Outcome candidate);
}
