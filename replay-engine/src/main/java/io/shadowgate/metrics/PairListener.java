package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;

/** Told of each request whose baseline and candidate outcomes both count as latency. */
@FunctionalInterface
public interface PairListener {

    void pair(Outcome baseline, Outcome candidate);
}
