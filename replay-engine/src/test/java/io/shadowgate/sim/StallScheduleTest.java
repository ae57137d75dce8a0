package io.shadowgate.sim;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stall timing as a pure function of nanoseconds since start; no clock involved. */
class StallScheduleTest {

    private static final long MS = 1_000_000L;

    private static FaultSpec stall(long atMs, long durationMs) {
        return new FaultSpec(FaultKind.STALL, Duration.ofMillis(atMs), Duration.ofMillis(durationMs));
    }

    @Test
    void responsesDueInsideTheWindowWaitForItsEnd() {
        StallSchedule s = StallSchedule.of(List.of(stall(100, 50)));
        // due before the window: on time
        assertThat(s.releaseNanos(99 * MS)).isEqualTo(99 * MS);
        // due at the first instant of the window: held to the end
        assertThat(s.releaseNanos(100 * MS)).isEqualTo(150 * MS);
        // due in the middle: held to the end
        assertThat(s.releaseNanos(120 * MS)).isEqualTo(150 * MS);
        // due exactly at the end: the window is half-open, so on time
        assertThat(s.releaseNanos(150 * MS)).isEqualTo(150 * MS);
        // due after: on time
        assertThat(s.releaseNanos(400 * MS)).isEqualTo(400 * MS);
    }

    @Test
    void overlappingAndTouchingWindowsActAsOne() {
        // [10,30) and [20,40) overlap; [40,50) touches; [100,110) is separate. Given out of order.
        StallSchedule s = StallSchedule.of(List.of(stall(100, 10), stall(20, 20), stall(10, 20), stall(40, 10)));
        assertThat(s.releaseNanos(15 * MS)).isEqualTo(50 * MS);
        assertThat(s.releaseNanos(45 * MS)).isEqualTo(50 * MS);
        assertThat(s.releaseNanos(60 * MS)).isEqualTo(60 * MS);
        assertThat(s.releaseNanos(105 * MS)).isEqualTo(110 * MS);
    }

    @Test
    void emptyWindowsAndNoFaultsChangeNothing() {
        assertThat(StallSchedule.of(List.of(stall(10, 0))).isEmpty()).isTrue();
        assertThat(StallSchedule.of(null).isEmpty()).isTrue();
        assertThat(StallSchedule.NONE.releaseNanos(12345)).isEqualTo(12345);
    }

    @Test
    void endlessStallsSaturateInsteadOfOverflowing() {
        StallSchedule s = StallSchedule.of(List.of(
                new FaultSpec(FaultKind.STALL, Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE))));
        assertThat(s.releaseNanos(2_000 * MS)).isEqualTo(Long.MAX_VALUE);
    }
}
