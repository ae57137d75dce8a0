package io.shadowgate.sim;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a stalled server may write again. Times are nanoseconds since the server started, so
 * the schedule is a pure function that tests drive without a clock. Immutable and shared.
 *
 * <p>Model: a response whose write time falls inside a stall window {@code [at, at + duration)}
 * is held and written when the window ends. A request that arrives during a stall and whose
 * own latency carries it past the end is written at its own time, unaffected.
 */
final class StallSchedule {

    static final StallSchedule NONE = new StallSchedule(new long[0], new long[0]);

    /** Disjoint, sorted windows: {@code starts[i] <= t < ends[i]}. */
    private final long[] starts;
    private final long[] ends;

    private StallSchedule(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** The STALL faults of {@code faults}; other kinds and empty windows are ignored. */
    static StallSchedule of(List<FaultSpec> faults) {
        if (faults == null) {
            return NONE;
        }
        List<long[]> windows = new ArrayList<>();
        for (FaultSpec fault : faults) {
            if (fault.kind() != FaultKind.STALL) {
                continue;
            }
            long start = Math.max(0, Nanos.of(fault.at()));
            long end = Nanos.add(start, Nanos.of(fault.duration()));
            if (end > start) {
                windows.add(new long[] {start, end});
            }
        }
        windows.sort(Comparator.comparingLong(w -> w[0]));
        // Merge overlapping or touching windows, so a response released by one stall straight
        // into another waits for that one too, and the lookup needs a single match.
        List<long[]> merged = new ArrayList<>();
        for (long[] w : windows) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && w[0] <= last[1]) {
                last[1] = Math.max(last[1], w[1]);
            } else {
                merged.add(w);
            }
        }
        long[] starts = new long[merged.size()];
        long[] ends = new long[merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            starts[i] = merged.get(i)[0];
            ends[i] = merged.get(i)[1];
        }
        return new StallSchedule(starts, ends);
    }

    /** When a response due at {@code dueNanos} is actually written: the end of the stall holding it, else on time. */
    long releaseNanos(long dueNanos) {
        for (int i = 0; i < starts.length && starts[i] <= dueNanos; i++) {
            if (dueNanos < ends[i]) {
                return ends[i];
            }
        }
        return dueNanos;
    }

    boolean isEmpty() {
        return starts.length == 0;
    }
}
