package io.shadowgate.sim;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.util.List;

/**
 * The latency SLOW faults add: a request arriving in {@code [at, at + duration)} takes
 * {@code add} longer, overlapping faults adding up. Times are nanoseconds since the server's
 * fault clock started, so tests drive it without a clock. Immutable and shared.
 */
final class SlowdownSchedule {

    static final SlowdownSchedule NONE = new SlowdownSchedule(List.of());

    private final List<FaultSpec> slow;

    private SlowdownSchedule(List<FaultSpec> slow) {
        this.slow = slow;
    }

    /** The SLOW faults of {@code faults}. */
    static SlowdownSchedule of(List<FaultSpec> faults) {
        return faults == null ? NONE
                : new SlowdownSchedule(faults.stream().filter(f -> f.kind() == FaultKind.SLOW).toList());
    }

    /** Latency added to a request arriving {@code arrivalNanos} after the fault clock's origin. */
    long addedNanos(long arrivalNanos) {
        long added = 0;
        for (FaultSpec f : slow) {
            long start = f.at().toNanos();
            if (arrivalNanos >= start && arrivalNanos - start < f.duration().toNanos()) {
                added += f.add().toNanos();
            }
        }
        return added;
    }
}
