package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated profile file on its own, as {@code shadowgate simulate --profile} reads it. */
class ProfileLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void aProfileFileHasTheKeysOfASimulatedBlock() throws Exception {
        Path file = tmp.resolve("p.yaml");
        Files.writeString(file, """
                version: "2.4.0"
                latency: {median: 12ms, sigma: 0.4, tailProbability: 3%, tail: 150ms}
                errorRate: 2%
                faults:
                  - {kind: stall, at: 2s, duration: 500ms}
                  - {kind: slow, at: 4s, duration: 1s, add: 20ms}
                """);

        SimulatedProfile profile = ScenarioLoader.loadProfile(file);

        assertThat(profile.version()).isEqualTo("2.4.0");
        assertThat(profile.latency()).isEqualTo(new LatencyProfile(12, 0.4, 0.03, 150));
        assertThat(profile.errorRate()).isEqualTo(0.02);
        assertThat(profile.errorStatus()).isEqualTo(SimulatedProfile.DEFAULT_ERROR_STATUS);
        assertThat(profile.faults()).containsExactly(
                new FaultSpec(FaultKind.STALL, Duration.ofSeconds(2), Duration.ofMillis(500)),
                new FaultSpec(FaultKind.SLOW, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofMillis(20)));
    }

    @Test
    void aSlowFaultNeedsTheLatencyItAddsAndOnlyItHasOne() throws Exception {
        Path slow = tmp.resolve("slow.yaml");
        Files.writeString(slow, "version: \"1\"\nlatency: {median: 1ms}\nfaults:\n  - {kind: slow, at: 1s, duration: 1s}\n");
        assertThatThrownBy(() -> ScenarioLoader.loadProfile(slow))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(slow + ":4:5: missing key 'add' in faults[0]")
                .hasMessageContaining("required for kind slow");

        Path stall = tmp.resolve("stall.yaml");
        Files.writeString(stall, "version: \"1\"\nlatency: {median: 1ms}\nfaults:\n  - {kind: stall, at: 1s, duration: 1s, add: 5ms}\n");
        assertThatThrownBy(() -> ScenarioLoader.loadProfile(stall))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("faults[0].add")
                .hasMessageContaining("only faults of kind slow and slow-body take add");
    }

    @Test
    void aProfileWithoutAVersionSaysSo() throws Exception {
        Path file = tmp.resolve("p.yaml");
        Files.writeString(file, "errorRate: 2%\n");

        assertThatThrownBy(() -> ScenarioLoader.loadProfile(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":1:1: missing key 'version'");
    }
}
