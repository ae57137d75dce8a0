package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowdownScheduleTest {

    private static final long MS = 1_000_000L;

    private static FaultSpec slow(long atMs, long forMs, long addMs) {
        return new FaultSpec(FaultKind.SLOW, Duration.ofMillis(atMs), Duration.ofMillis(forMs), Duration.ofMillis(addMs));
    }

    @Test
    void aRequestArrivingInTheWindowTakesLongerAndOverlapsAddUp() {
        SlowdownSchedule s = SlowdownSchedule.of(List.of(slow(100, 50, 20), slow(120, 100, 5),
                new FaultSpec(FaultKind.STALL, Duration.ZERO, Duration.ofSeconds(10))));

        assertThat(s.addedNanos(99 * MS)).isZero();          // before
        assertThat(s.addedNanos(100 * MS)).isEqualTo(20 * MS); // start is inside
        assertThat(s.addedNanos(130 * MS)).isEqualTo(25 * MS); // both windows
        assertThat(s.addedNanos(150 * MS)).isEqualTo(5 * MS);  // the end is outside the first
        assertThat(s.addedNanos(220 * MS)).isZero();
    }

    @Test
    void slowdownsComeBeforeStalls() {
        FaultPlan plan = FaultPlan.of(List.of(slow(0, 1_000, 30),
                new FaultSpec(FaultKind.STALL, Duration.ofMillis(35), Duration.ofMillis(10))));
        // Arrives at 10 ms, due 2 ms later, slowed by 30 ms to 42 ms: inside the stall, so released at 45 ms.
        assertThat(plan.writeNanos(10 * MS, 2 * MS)).isEqualTo(45 * MS);
        assertThat(SlowdownSchedule.of(null).addedNanos(5)).isZero();
    }
}
