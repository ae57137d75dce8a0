package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Rate curves as pure functions of elapsed time: rate, its integral and the inverse, by table. */
class RateCurveTest {

    private static final RateCurve FIXED = new RateCurve.Fixed(100);
    private static final RateCurve RAMP_UP = new RateCurve.Ramp(0, 100, Duration.ofSeconds(10));
    private static final RateCurve RAMP_DOWN = new RateCurve.Ramp(100, 0, Duration.ofSeconds(10));
    private static final RateCurve IDLE_GAP = new RateSteps(List.of(
            step(0, 100), step(10, 0), step(20, 50)));
    private static final RateCurve STOPS = new RateSteps(List.of(step(0, 10), step(5, 0)));
    private static final RateCurve DAY = new DiurnalRate(100, 50, Duration.ofSeconds(60), Duration.ZERO);
    private static final RateCurve NIGHT_START = new DiurnalRate(100, 100, Duration.ofSeconds(60), Duration.ofSeconds(45));

    private static final double HALF_SWING = 3000 / Math.PI; // 2·amplitude/ω for DAY: the extra count by mid-cycle

    static RateCurve.Step step(long atSeconds, double rate) {
        return new RateCurve.Step(Duration.ofSeconds(atSeconds), rate);
    }

    static Stream<Arguments> rateAndCount() {
        return Stream.of(
                // A fixed rate: 100/s everywhere, 100 per second accumulated.
                Arguments.of("fixed, at 0s", FIXED, 0.0, 100.0, 0.0),
                Arguments.of("fixed, at 2.5s", FIXED, 2.5, 100.0, 250.0),
                // 0 → 100 over 10s: rate 10·t, count 5·t², then holds 100/s after the ramp.
                Arguments.of("ramp up, start", RAMP_UP, 0.0, 0.0, 0.0),
                Arguments.of("ramp up, midway", RAMP_UP, 5.0, 50.0, 125.0),
                Arguments.of("ramp up, end", RAMP_UP, 10.0, 100.0, 500.0),
                Arguments.of("ramp up, holding after", RAMP_UP, 12.0, 100.0, 700.0),
                // 100 → 0: count 100·t − 5·t², flat at 500 once the rate has reached 0.
                Arguments.of("ramp down, midway", RAMP_DOWN, 5.0, 50.0, 375.0),
                Arguments.of("ramp down, after", RAMP_DOWN, 30.0, 0.0, 500.0),
                // Steps: a step starts exactly at its 'at'; the idle 10–20s adds nothing.
                Arguments.of("steps, just before the idle step", IDLE_GAP, 9.999, 100.0, 999.9),
                Arguments.of("steps, the idle step starts", IDLE_GAP, 10.0, 0.0, 1000.0),
                Arguments.of("steps, inside the idle step", IDLE_GAP, 15.0, 0.0, 1000.0),
                Arguments.of("steps, the last step holds to the end", IDLE_GAP, 30.0, 50.0, 1500.0),
                // 100 ± 50 over 60s: base at 0, peak at 15s, base at 30s, trough at 45s; a full cycle adds base·period.
                Arguments.of("diurnal, start", DAY, 0.0, 100.0, 0.0),
                Arguments.of("diurnal, peak", DAY, 15.0, 150.0, 1500 + HALF_SWING / 2),
                Arguments.of("diurnal, half cycle", DAY, 30.0, 100.0, 3000 + HALF_SWING),
                Arguments.of("diurnal, trough", DAY, 45.0, 50.0, 4500 + HALF_SWING / 2),
                Arguments.of("diurnal, full cycle", DAY, 60.0, 100.0, 6000.0),
                // Phase 45s of 60s starts at the trough; amplitude = base touches 0 there.
                Arguments.of("diurnal from the trough, start", NIGHT_START, 0.0, 0.0, 0.0),
                Arguments.of("diurnal from the trough, full cycle", NIGHT_START, 60.0, 0.0, 6000.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rateAndCount")
    void rateAndExpectedCount(String row, RateCurve curve, double seconds, double rate, double count) {
        assertThat(curve.rateAt(seconds)).as("rate").isCloseTo(rate, within(1e-9));
        assertThat(curve.countBy(seconds)).as("count").isCloseTo(count, within(1e-6));
    }

    static Stream<Arguments> inverse() {
        double never = Double.POSITIVE_INFINITY;
        return Stream.of(
                // Count 0 is passed at once wherever the rate is positive from the start.
                Arguments.of("fixed, count 0", FIXED, 0.0, 0.0),
                Arguments.of("fixed, count 250", FIXED, 250.0, 2.5),
                // Even a ramp from 0 starts at once: any t > 0 has a positive count.
                Arguments.of("ramp up, count 0", RAMP_UP, 0.0, 0.0),
                Arguments.of("ramp up, count 5 (5·t² = 5)", RAMP_UP, 5.0, 1.0),
                Arguments.of("ramp up, count 125", RAMP_UP, 125.0, 5.0),
                Arguments.of("ramp up, past the ramp: 500 + 100/s", RAMP_UP, 600.0, 11.0),
                Arguments.of("ramp down, count 375 (the first root)", RAMP_DOWN, 375.0, 5.0),
                Arguments.of("ramp down, count 500 is never passed", RAMP_DOWN, 500.0, never),
                // The inverse skips idle steps: count 1000 is reached at 10s but passed only at 20s.
                Arguments.of("steps, count 500", IDLE_GAP, 500.0, 5.0),
                Arguments.of("steps, count 1000 waits out the idle step", IDLE_GAP, 1000.0, 20.0),
                Arguments.of("steps, count 1250", IDLE_GAP, 1250.0, 25.0),
                Arguments.of("steps ending at 0, count 50 is never passed", STOPS, 50.0, never),
                Arguments.of("diurnal, half cycle", DAY, 3000 + HALF_SWING, 30.0),
                Arguments.of("diurnal, full cycle", DAY, 6000.0, 60.0),
                Arguments.of("diurnal, ten cycles", DAY, 60_000.0, 600.0),
                Arguments.of("diurnal from the trough, count 0", NIGHT_START, 0.0, 0.0),
                Arguments.of("diurnal from the trough, full cycle", NIGHT_START, 6000.0, 60.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inverse")
    void secondsToCountInvertsTheIntegral(String row, RateCurve curve, double count, double seconds) {
        if (Double.isInfinite(seconds)) {
            assertThat(curve.secondsToCount(count)).isInfinite();
        } else {
            assertThat(curve.secondsToCount(count)).isCloseTo(seconds, within(1e-7));
        }
    }

    @Test
    void theInverseRoundTripsEverywhereOnEveryCurve() {
        for (RateCurve curve : List.of(FIXED, RAMP_UP, RAMP_DOWN, IDLE_GAP, DAY, NIGHT_START,
                new DiurnalRate(3, 2.5, Duration.ofMillis(700), Duration.ofMillis(100)))) {
            double top = curve.countBy(29.0);
            for (int i = 1; i <= 1000; i++) {
                double count = top * i / 1001;
                double t = curve.secondsToCount(count);
                assertThat(curve.countBy(t)).as("%s at count %s", curve, count).isCloseTo(count, within(1e-6));
            }
        }
    }

    @Test
    void aRampOverTheWholeRunStretchesWithIt() {
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(10), RAMP_UP, TrafficSpec.Arrivals.CONSTANT, List.of());

        TrafficSpec longer = spec.withDuration(Duration.ofSeconds(20));

        assertThat(longer.rateCurve()).isEqualTo(new RateCurve.Ramp(0, 100, Duration.ofSeconds(20)));
        assertThat(longer.rate()).isCloseTo(50, within(1e-9));
        // Steps are in absolute time: a longer run keeps them where they were.
        assertThat(new TrafficSpec(Duration.ofSeconds(30), IDLE_GAP, TrafficSpec.Arrivals.CONSTANT, List.of())
                .withDuration(Duration.ofSeconds(40)).rateCurve()).isSameAs(IDLE_GAP);
    }

    @Test
    void withRateMeansAConstantRateWhateverTheShape() {
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(60), DAY, TrafficSpec.Arrivals.POISSON, List.of());

        assertThat(spec.rate()).isCloseTo(100, within(1e-9));
        assertThat(spec.withRate(7).rateCurve()).isEqualTo(new RateCurve.Fixed(7));
        assertThat(spec.withRate(7).rate()).isEqualTo(7);
    }

    @Test
    void programmaticMisuseIsRefused() {
        assertThatThrownBy(() -> new RateSteps(List.of(step(1, 5)))).hasMessageContaining("first rate step must be at 0s");
        assertThatThrownBy(() -> new RateSteps(List.of(step(0, 5), step(0, 6)))).hasMessageContaining("increasing order");
        assertThatThrownBy(() -> new RateSteps(List.of(step(0, 0)))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new DiurnalRate(10, 11, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("at most base");
        assertThatThrownBy(() -> new RateCurve.Ramp(-1, 5, Duration.ofSeconds(1))).hasMessageContaining("at least 0");
    }
}
