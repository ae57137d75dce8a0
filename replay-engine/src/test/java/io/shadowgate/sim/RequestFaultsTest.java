package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What faults do to one request, as a pure function of its arrival and a random stream; no clock involved. */
class RequestFaultsTest {

    private static final long MS = 1_000_000L;

    private static FaultSpec fault(FaultKind kind, long atMs, long forMs, long addMs, double fraction) {
        return new FaultSpec(kind, Duration.ofMillis(atMs), Duration.ofMillis(forMs), Duration.ofMillis(addMs),
                fraction, kind == FaultKind.ERRORS ? 502 : 0);
    }

    private static FaultSpec slow(long atMs, long forMs, long addMs) {
        return new FaultSpec(FaultKind.SLOW, Duration.ofMillis(atMs), Duration.ofMillis(forMs), Duration.ofMillis(addMs));
    }

    private static FaultEffect draw(RequestFaults faults, long arrivalMs) {
        return faults.draw(arrivalMs * MS, new SplittableRandom(1), true);
    }

    @Test
    void aRequestArrivingInTheWindowTakesLongerAndOverlapsAddUp() {
        RequestFaults s = RequestFaults.of(List.of(slow(100, 50, 20), slow(120, 100, 5),
                new FaultSpec(FaultKind.STALL, Duration.ZERO, Duration.ofSeconds(10))));

        assertThat(draw(s, 99).addedNanos()).isZero();          // before
        assertThat(draw(s, 100).addedNanos()).isEqualTo(20 * MS); // start is inside
        assertThat(draw(s, 130).addedNanos()).isEqualTo(25 * MS); // both windows
        assertThat(draw(s, 150).addedNanos()).isEqualTo(5 * MS);  // the end is outside the first
        assertThat(draw(s, 220)).isEqualTo(FaultEffect.NONE);
        assertThat(RequestFaults.of(null).draw(5, new SplittableRandom(1), true)).isEqualTo(FaultEffect.NONE);
    }

    @Test
    void slowdownsComeBeforeStalls() {
        FaultPlan plan = FaultPlan.of(List.of(slow(0, 1_000, 30),
                new FaultSpec(FaultKind.STALL, Duration.ofMillis(35), Duration.ofMillis(10))));
        // Arrives at 10 ms, served in 2 ms, slowed by 30 ms to 42 ms: inside the stall, so released at 45 ms.
        long finish = 10 * MS + 2 * MS + plan.requests().draw(10 * MS, new SplittableRandom(1), true).addedNanos();
        assertThat(plan.stalls().releaseNanos(finish)).isEqualTo(45 * MS);
    }

    @Test
    void eachKindSaysWhatHappens() {
        // Rows: the fault active from 0 to 100 ms, and what it does to a request arriving at 50 ms.
        assertThat(draw(RequestFaults.of(List.of(fault(FaultKind.ERRORS, 0, 100, 0, 1))), 50))
                .isEqualTo(new FaultEffect(false, false, 502, 0, 0));
        assertThat(draw(RequestFaults.of(List.of(fault(FaultKind.RESET, 0, 100, 0, 1))), 50))
                .isEqualTo(new FaultEffect(false, true, 0, 0, 0));
        assertThat(draw(RequestFaults.of(List.of(fault(FaultKind.HANG, 0, 100, 0, 1))), 50))
                .isEqualTo(new FaultEffect(true, false, 0, 0, 0));
        assertThat(draw(RequestFaults.of(List.of(fault(FaultKind.SLOW_BODY, 0, 100, 300, 1))), 50))
                .isEqualTo(new FaultEffect(false, false, 0, 0, 300 * MS));
    }

    @Test
    void errorsSpareHealthChecksAndTheFirstStatusWins() {
        RequestFaults faults = RequestFaults.of(List.of(fault(FaultKind.ERRORS, 0, 100, 0, 1),
                new FaultSpec(FaultKind.ERRORS, Duration.ZERO, Duration.ofMillis(100), Duration.ZERO, 1, 429)));

        assertThat(faults.draw(50 * MS, new SplittableRandom(1), true).errorStatus()).isEqualTo(502);
        assertThat(faults.draw(50 * MS, new SplittableRandom(1), false)).isEqualTo(FaultEffect.NONE);
        assertThat(RequestFaults.errorsApply("GET", "/healthz?probe=1")).isFalse();
        assertThat(RequestFaults.errorsApply("POST", "/healthz")).isTrue();
        assertThat(RequestFaults.errorsApply("GET", "/v1/predict")).isTrue();
    }

    @Test
    void aFractionHitsAboutThatShareAndTheSameOnesForTheSameSeed() {
        RequestFaults faults = RequestFaults.of(List.of(fault(FaultKind.ERRORS, 0, 1_000, 0, 0.3)));
        SplittableRandom first = new SplittableRandom(7);
        SplittableRandom second = new SplittableRandom(7);
        int hit = 0;
        for (int i = 0; i < 10_000; i++) {
            FaultEffect a = faults.draw(i * 1_000L, first, true);
            assertThat(faults.draw(i * 1_000L, second, true)).isEqualTo(a);
            hit += a.injectsError() ? 1 : 0;
        }
        assertThat(hit).isBetween(2_800, 3_200);
    }

    @Test
    void noDrawIsMadeOutsideAWindowOrForAWholeShare() {
        // A run whose faults are all over, or hit everything, draws what a run without faults draws.
        RequestFaults faults = RequestFaults.of(List.of(fault(FaultKind.ERRORS, 0, 10, 0, 0.5),
                fault(FaultKind.SLOW, 0, 1_000, 5, 1)));
        SplittableRandom used = new SplittableRandom(3);
        faults.draw(50 * MS, used, true);
        assertThat(used.nextLong()).isEqualTo(new SplittableRandom(3).nextLong());
    }

    @Test
    void endlessFaultsSaturateInsteadOfOverflowing() {
        RequestFaults faults = RequestFaults.of(List.of(new FaultSpec(FaultKind.HANG, Duration.ofSeconds(1),
                Duration.ofSeconds(Long.MAX_VALUE))));
        assertThat(faults.draw(Long.MAX_VALUE - 1, new SplittableRandom(1), true).hang()).isTrue();
    }
}
