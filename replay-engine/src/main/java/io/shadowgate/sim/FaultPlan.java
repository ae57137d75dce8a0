package io.shadowgate.sim;

import io.shadowgate.scenario.FaultSpec;
import java.util.List;

/**
 * Every scheduled fault of a simulated server, by how it acts on a response: slowdowns add to
 * its latency, stalls hold its write. Immutable and shared by all connections.
 */
record FaultPlan(StallSchedule stalls, SlowdownSchedule slowdowns) {

    static FaultPlan of(List<FaultSpec> faults) {
        return new FaultPlan(StallSchedule.of(faults), SlowdownSchedule.of(faults));
    }

    /** When a response to a request arriving at {@code arrivalNanos}, due {@code delayNanos} later, is written. */
    long writeNanos(long arrivalNanos, long delayNanos) {
        return stalls.releaseNanos(arrivalNanos + delayNanos + slowdowns.addedNanos(arrivalNanos));
    }
}
