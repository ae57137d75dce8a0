package io.shadowgate.sim;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Error injection and latency per request, without sockets. */
class BehaviourModelTest {

    private static BehaviourModel model(double errorRate, int status) {
        return new BehaviourModel(new SimulatedProfile("v1", new LatencyProfile(3, 0, 0, 0), errorRate, status, List.of()));
    }

    private static double errorFraction(BehaviourModel model, boolean eligible) {
        SplittableRandom rng = new SplittableRandom(9);
        int errors = 0;
        for (int i = 0; i < 10_000; i++) {
            errors += model.decide(rng, eligible).injectError() ? 1 : 0;
        }
        return errors / 10_000.0;
    }

    @Test
    void errorsHitTheConfiguredFractionOfEligibleRequests() {
        assertThat(errorFraction(model(0.2, 503), true)).isCloseTo(0.2, within(0.015));
        assertThat(errorFraction(model(1.0, 503), true)).isEqualTo(1.0);
        assertThat(errorFraction(model(0.0, 503), true)).isZero();
    }

    @Test
    void ineligibleRequestsNeverFailButStillWait() {
        BehaviourModel model = model(1.0, 500);
        assertThat(errorFraction(model, false)).isZero();
        assertThat(model.decide(new SplittableRandom(1), false).delayNanos()).isEqualTo(3_000_000L);
        assertThat(model.errorStatus()).isEqualTo(500);
    }

    @Test
    void missingLatencyMeansInstant() {
        BehaviourModel model = new BehaviourModel(new SimulatedProfile("v1", null, 0, 503, null));
        assertThat(model.decide(new SplittableRandom(1), true).delayNanos()).isZero();
    }

    @Test
    void invalidRatesAndStatusesAreRejected() {
        assertThatThrownBy(() -> model(1.5, 503)).hasMessageContaining("errorRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> model(0.1, 0)).hasMessageContaining("errorStatus").hasMessageContaining("(was 0)");
        // An unused status is not an error: profiles without errors need not set one.
        assertThat(model(0, 0).errorStatus()).isZero();
    }
}
