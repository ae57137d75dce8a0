package io.shadowgate.cli;

import io.shadowgate.scenario.ReplayControls;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.scenario.TrafficSpec;
import java.time.Duration;

/** What {@code run}'s --traffic, --duration and --rate change in a scenario: its traffic, nothing else. */
final class ScenarioOverrides {

    private ScenarioOverrides() {
    }

    /** {@code scenario} with the command line's traffic, duration and rate (each null when not given). */
    static Scenario apply(Scenario scenario, TrafficInput traffic, Duration duration, Double rate)
            throws BadInputException {
        if (traffic != null) {
            scenario = scenario.withTraffic(traffic);
        }
        TrafficInput input = scenario.traffic();
        if (duration == null && rate == null) {
            return scenario;
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new BadInputException("--duration must be greater than 0, was " + duration);
        }
        if (rate != null && !(rate > 0)) {
            throw new BadInputException("--rate must be greater than 0, was " + rate);
        }
        if (!input.isSynthesized()) {
            // Recorded traffic: --duration ends the replay window, --rate replaces the recorded timing.
            ReplayControls controls = input.controls();
            if (duration != null) {
                controls = controls.withTo(duration);
            }
            if (rate != null) {
                controls = new ReplayControls(controls.from(), controls.to(), controls.methods(), controls.allowPaths(),
                        controls.denyPaths(), 1.0, null, rate, controls.loop(), controls.pathRewrites(),
                        controls.setHeaders(), controls.removeHeaders());
            }
            return scenario.withTraffic(input.withControls(controls));
        }
        TrafficSpec synth = input.synth();
        if (duration != null) {
            synth = synth.withDuration(duration);
        }
        if (rate != null) {
            synth = synth.withRate(rate);
        }
        return scenario.withTraffic(TrafficInput.synthesized(synth).withControls(input.controls()));
    }
}
