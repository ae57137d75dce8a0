package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.scenario.DiurnalRate;
import io.shadowgate.scenario.RateCurve;
import io.shadowgate.scenario.RateSteps;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pacing as a pure function: arrival offsets computed from the index (and, for Poisson, a
 * seeded random), checked by table with no clock.
 */
class ArrivalProcessTest {

    private static final RateCurve RAMP_UP = new RateCurve.Ramp(0, 100, Duration.ofSeconds(10));
    private static final RateCurve BIG_RAMP = new RateCurve.Ramp(100, 2000, Duration.ofSeconds(60));
    private static final RateCurve IDLE_GAP = new RateSteps(List.of(step(0, 100), step(10, 0), step(20, 50)));
    private static final RateCurve BURST = new RateSteps(List.of(step(0, 200), step(10, 2000), step(15, 200)));
    private static final RateCurve IDLE_START = new RateSteps(List.of(step(0, 0), step(3, 10)));
    private static final RateCurve DAY = new DiurnalRate(100, 50, Duration.ofSeconds(60), Duration.ZERO);
    private static final RateCurve NIGHT_START = new DiurnalRate(100, 100, Duration.ofSeconds(60), Duration.ofSeconds(45));

    static RateCurve.Step step(long atSeconds, double rate) {
        return new RateCurve.Step(Duration.ofSeconds(atSeconds), rate);
    }

    static Stream<Arguments> constantOffsets() {
        return Stream.of(
                // A fixed rate is evenly spaced from 0: 1/rate apart.
                Arguments.of("fixed 100/s, first", new RateCurve.Fixed(100), 0L, 0L),
                Arguments.of("fixed 100/s, 7th", new RateCurve.Fixed(100), 7L, 70_000L),
                // Ramp 0 → 100 over 10s (count 5·t²): gaps shrink as the rate climbs.
                Arguments.of("ramp, first at once", RAMP_UP, 0L, 0L),
                Arguments.of("ramp, 5th at 1s", RAMP_UP, 5L, 1_000_000L),
                Arguments.of("ramp, 20th at 2s", RAMP_UP, 20L, 2_000_000L),
                Arguments.of("ramp, 125th at 5s", RAMP_UP, 125L, 5_000_000L),
                Arguments.of("ramp, after the ramp 100/s: 600th at 11s", RAMP_UP, 600L, 11_000_000L),
                // Steps 100/s, idle 10–20s, 50/s: nothing lands in the idle step.
                Arguments.of("steps, last before the idle step", IDLE_GAP, 999L, 9_990_000L),
                Arguments.of("steps, first after the idle step", IDLE_GAP, 1000L, 20_000_000L),
                Arguments.of("steps, next one 1/50 s later", IDLE_GAP, 1001L, 20_020_000L),
                // An idle start: the first request waits for the first positive step.
                Arguments.of("idle start, first at 3s", IDLE_START, 0L, 3_000_000L),
                // Diurnal 100 ± 50 over 60s: after one full cycle, exactly base·period arrivals.
                Arguments.of("diurnal, the 6000th at one full cycle", DAY, 6000L, 60_000_000L),
                // A curve that has stopped for good never produces the next arrival.
                Arguments.of("ramp down to 0, the 500th never comes",
                        new RateCurve.Ramp(100, 0, Duration.ofSeconds(10)), 500L, ArrivalProcess.NEVER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constantOffsets")
    void constantArrivalsAreWhereTheExpectedCountPassesN(String row, RateCurve curve, long index, long micros) {
        ArrivalProcess pacer = ArrivalProcess.of(Arrivals.CONSTANT, curve, new SplittableRandom(1));

        assertThat(pacer.nextOffsetMicros(index, 0)).isEqualTo(micros);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                // name, curve, duration, the integral of the rate over the duration
                Arguments.of("fixed 250/s for 4s", new RateCurve.Fixed(250), 4, 1000),
                Arguments.of("ramp 0 → 100 over 10s", RAMP_UP, 10, 500),
                Arguments.of("ramp 100 → 2000 over 60s", BIG_RAMP, 60, 63_000),
                Arguments.of("ramp 100 → 0 over 10s", new RateCurve.Ramp(100, 0, Duration.ofSeconds(10)), 10, 500),
                Arguments.of("steps with an idle gap, 30s", IDLE_GAP, 30, 1500),
                Arguments.of("a 5s burst of 2000/s in 200/s, 30s", BURST, 30, 15_000),
                Arguments.of("diurnal, two full cycles", DAY, 120, 12_000),
                Arguments.of("diurnal touching 0 at the start, one cycle", NIGHT_START, 60, 6000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void constantArrivalsCountExactlyTheIntegral(String row, RateCurve curve, int seconds, int integral) {
        assertThat(curve.countBy(seconds)).isCloseTo(integral, within(1e-6));

        assertThat(offsets(Arrivals.CONSTANT, curve, seconds, 1)).hasSize(integral);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void poissonArrivalsCountTheIntegralWithinSamplingError(String row, RateCurve curve, int seconds, int integral) {
        // A Poisson count has standard deviation √integral; allow 4 of them.
        double slack = 4 * Math.sqrt(integral);
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(offsets(Arrivals.POISSON, curve, seconds, seed).length)
                    .isBetween((int) (integral - slack), (int) (integral + slack));
        }
    }

    @Test
    void aRampsFirstAndLastSecondsRunAtAboutFromAndTo() {
        // 100 → 2000 over 60s: the rate climbs 31.7/s each second, so the first second
        // averages ~116/s and the last ~1984/s.
        double slope = 1900.0 / 60;
        long[] even = offsets(Arrivals.CONSTANT, BIG_RAMP, 60, 1);
        assertThat(inSecond(even, 0)).isBetween(100, (int) (100 + slope) + 1);
        assertThat(inSecond(even, 59)).isBetween((int) (2000 - slope) - 1, 2000);

        long[] poisson = offsets(Arrivals.POISSON, BIG_RAMP, 60, 5);
        assertThat(inSecond(poisson, 0)).isBetween(116 - 45, 116 + 45);
        assertThat(inSecond(poisson, 59)).isBetween(1984 - 180, 1984 + 180);
    }

    @Test
    void aBurstShowsUpInItsSeconds() {
        long[] even = offsets(Arrivals.CONSTANT, BURST, 30, 1);

        assertThat(inSecond(even, 9)).isEqualTo(200);
        assertThat(inSecond(even, 12)).isEqualTo(2000);
        assertThat(inSecond(even, 15)).isEqualTo(200);
    }

    @Test
    void rescaledPoissonAtAFixedRateReproducesThePlainPoissonProcess() {
        ArrivalProcess plain = ArrivalProcess.of(Arrivals.POISSON, 500, new SplittableRandom(3));
        ArrivalProcess rescaled = new ArrivalProcess.Rescaled(new RateCurve.Fixed(500), new SplittableRandom(3));
        long previous = 0;
        for (long i = 0; i < 50_000; i++) {
            long expected = plain.nextOffsetMicros(i, previous);
            assertThat(rescaled.nextOffsetMicros(i, previous)).isCloseTo(expected, within(1L));
            previous = expected;
        }
    }

    @Test
    void poissonArrivalsNeverLandInAnIdleStep() {
        long[] offsets = offsets(Arrivals.POISSON, IDLE_GAP, 30, 11);

        assertThat(Arrays.stream(offsets).filter(t -> t > 10_000_000L && t < 20_000_000L)).isEmpty();
        for (int i = 1; i < offsets.length; i++) {
            assertThat(offsets[i]).isGreaterThanOrEqualTo(offsets[i - 1]);
        }
    }

    /** Every offset before the end of the run, as the synthesizer would emit them. */
    private static long[] offsets(Arrivals arrivals, RateCurve curve, int seconds, long seed) {
        ArrivalProcess pacer = ArrivalProcess.of(arrivals, curve, new SplittableRandom(seed));
        long end = seconds * 1_000_000L;
        List<Long> out = new ArrayList<>();
        long offset = pacer.nextOffsetMicros(0, 0);
        for (long i = 1; offset < end; i++) {
            out.add(offset);
            offset = pacer.nextOffsetMicros(i, offset);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static int inSecond(long[] offsets, int second) {
        return (int) Arrays.stream(offsets).filter(t -> t / 1_000_000 == second).count();
    }
}
