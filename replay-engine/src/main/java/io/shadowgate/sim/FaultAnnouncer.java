package io.shadowgate.sim;

import io.netty.util.concurrent.EventExecutor;
import io.shadowgate.scenario.FaultSpec;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says when each fault starts and ends, as it happens, so a rehearsal's operator can line the
 * service's graphs up with the faults. Timers on one event loop; messages go to a consumer,
 * from that loop's thread.
 */
final class FaultAnnouncer {

    private FaultAnnouncer() {
    }

    /**
     * Sets a timer for the start and the end of every fault, counted from {@code clock}'s
     * origin. Messages read {@code +10.000s fault 1/2 started: errors at 10s for 5s: ...}; a
     * fault already over (the clock anchored in the past) is said to be so at once.
     */
    static void schedule(List<FaultSpec> faults, FaultClock clock, EventExecutor loop, Consumer<String> out) {
        for (int i = 0; i < faults.size(); i++) {
            FaultSpec fault = faults.get(i);
            String name = "fault " + (i + 1) + "/" + faults.size();
            long start = Nanos.of(fault.at());
            long end = Nanos.add(start, Nanos.of(fault.duration()));
            long now = System.nanoTime() - clock.originNanos();
            if (end <= now) {
                out.accept(elapsed(clock) + " " + name + " was already over: " + fault.describe());
                continue;
            }
            loop.schedule(() -> out.accept(elapsed(clock) + " " + name + " started: " + fault.describe()),
                    Math.max(0, start - now), TimeUnit.NANOSECONDS);
            loop.schedule(() -> out.accept(elapsed(clock) + " " + name + " ended: " + fault.kind().yamlName()),
                    end - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Time on the fault clock, e.g. {@code +10.002s}. */
    private static String elapsed(FaultClock clock) {
        return String.format(Locale.ROOT, "%+.3fs", (System.nanoTime() - clock.originNanos()) / 1e9);
    }
}
