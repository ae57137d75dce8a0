package io.shadowgate.sim;

import io.shadowgate.scenario.FaultSpec;
import java.util.List;

/**
 * Every scheduled fault of a simulated server or the fault proxy, by how it acts: stalls hold
 * the writing of responses, the other kinds hit requests one by one as they arrive. Immutable
 * and shared by all connections.
 */
record FaultPlan(StallSchedule stalls, RequestFaults requests) {

    static FaultPlan of(List<FaultSpec> faults) {
        return new FaultPlan(StallSchedule.of(faults), RequestFaults.of(faults));
    }
}
