package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault lists: a faults file for {@code shadowgate proxy}, and the same keys under a simulated target. */
class FaultsFileTest {

    @TempDir
    Path tmp;

    @Test
    void everyKindWithItsDefaults() throws Exception {
        Path file = write("faults.yaml", """
                faults:
                  - {kind: stall, at: 1s, duration: 500ms}
                  - {kind: slow, at: 2s, duration: 1s, add: 20ms}
                  - {kind: errors, at: 3s, duration: 1s}
                  - {kind: reset, at: 4s, duration: 1s}
                  - {kind: hang, at: 5s, duration: 1s}
                  - {kind: slow-body, at: 6s, duration: 1s, add: 2s}
                """);

        assertThat(ScenarioLoader.loadFaults(file)).containsExactly(
                new FaultSpec(FaultKind.STALL, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ZERO, 1.0, 0),
                new FaultSpec(FaultKind.SLOW, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(20), 1.0, 0),
                new FaultSpec(FaultKind.ERRORS, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ZERO, 1.0, 503),
                new FaultSpec(FaultKind.RESET, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ZERO, 1.0, 0),
                new FaultSpec(FaultKind.HANG, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO, 1.0, 0),
                new FaultSpec(FaultKind.SLOW_BODY, Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, 0));
    }

    @Test
    void fractionsAndStatusesAsWritten() throws Exception {
        Path file = write("faults.yaml", """
                faults:
                  - {kind: Errors, at: 10s, duration: 5s, fraction: 50%, status: 429}
                  - {kind: SLOW-BODY, at: 0s, duration: 5s, add: 1s, fraction: 0.25}
                  - {kind: reset, at: 0s, duration: 1s, fraction: 100%}
                """);

        List<FaultSpec> faults = ScenarioLoader.loadFaults(file);

        assertThat(faults.get(0)).isEqualTo(new FaultSpec(FaultKind.ERRORS, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ZERO, 0.5, 429));
        assertThat(faults.get(0).describe()).isEqualTo("errors at 10s for 5s: 50% of requests answered 429");
        assertThat(faults.get(1).kind()).isEqualTo(FaultKind.SLOW_BODY);
        assertThat(faults.get(1).fraction()).isEqualTo(0.25);
        assertThat(faults.get(2).fraction()).isEqualTo(1.0);
    }

    @Test
    void anEmptyListOnlyForwards() throws Exception {
        assertThat(ScenarioLoader.loadFaults(write("none.yaml", "faults: []\n"))).isEmpty();
    }

    @Test
    void wrongFieldsAreReportedAtTheirKey() throws Exception {
        // Rows: the fault (second line of the file), then where and what the error says.
        String[][] cases = {
            {"{kind: slow, at: 0s, duration: 1s, add: 5ms, status: 503}",
                ":2:50: faults[0].status: only faults of kind errors take status; a slow fault answers no status of its own"},
            {"{kind: slow-body, at: 0s, duration: 1s}",
                ":2:5: missing key 'add' in faults[0] (required for kind slow-body: how long the body takes after the headers, e.g. 2s)"},
            {"{kind: errors, at: 0s, duration: 1s, fraction: 150%}",
                ":2:42: faults[0].fraction: must be at most 100%, found '150%'"},
            {"{kind: errors, at: 0s, duration: 1s, fraction: 0%}",
                ":2:42: faults[0].fraction: must be greater than 0, found '0%' (a fault that hits nothing is best left out)"},
            {"{kind: errors, at: 0s, duration: 1s, status: 302}",
                ":2:42: faults[0].status: must be a 4xx or 5xx status (400..599), found 302"},
            {"{kind: stall, at: 0s, duration: 1s, fraction: 50%}",
                ":2:41: faults[0].fraction: a stall holds every response, so it takes no fraction"},
            {"{kind: reset, at: 0s, duration: 1s, add: 1s}",
                ":2:41: faults[0].add: only faults of kind slow and slow-body take add; a reset fault adds no latency"},
            {"{kind: slow_body, at: 0s, duration: 1s, add: 1s}",
                ":2:6: faults[0].kind: expected one of: stall, slow, errors, reset, hang, slow-body; found 'slow_body'"},
            {"{kind: hang, at: 0s, duration: 0s}",
                ":2:26: faults[0].duration: must be greater than 0, found '0s'"},
            {"{kind: hang, at: 0s, duration: 1s, fractoin: 5%}",
                ":2:40: unknown key 'fractoin' at faults[0] (expected one of: kind, at, duration, add, fraction, status)"},
        };
        for (String[] c : cases) {
            Path file = write("bad.yaml", "faults:\n  - " + c[0] + "\n");

            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.loadFaults(file));

            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.getMessage()).as(c[0]).isEqualTo(file + c[1]);
        }
    }

    @Test
    void aFileWithoutTheListSaysWhatItNeeds() throws Exception {
        Path file = write("empty.yaml", "fault:\n  - {kind: hang, at: 0s, duration: 1s}\n");

        assertThat(catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.loadFaults(file)).getMessage())
                .isEqualTo(file + ":1:1: unknown key 'fault' at the top level (expected one of: faults)");

        Path missing = write("missing.yaml", "{}\n");
        assertThat(catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.loadFaults(missing)).getMessage())
                .startsWith(missing + ":1:1: missing key 'faults' in the top level (the list of faults");
    }

    @Test
    void aSimulatedTargetTakesTheSameFaultsAndAConcurrency() throws Exception {
        Path file = write("p.yaml", """
                version: "1"
                concurrency: 4
                faults:
                  - {kind: errors, at: 1s, duration: 1s, fraction: 10%}
                """);

        SimulatedProfile profile = ScenarioLoader.loadProfile(file);

        assertThat(profile.concurrency()).isEqualTo(4);
        assertThat(profile.faults()).containsExactly(new FaultSpec(FaultKind.ERRORS, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO, 0.1, 503));
        assertThat(ScenarioLoader.loadProfile(write("q.yaml", "version: \"1\"\n")).concurrency())
                .isEqualTo(SimulatedProfile.UNLIMITED_CONCURRENCY);

        Path zero = write("zero.yaml", "version: \"1\"\nconcurrency: 0\n");
        assertThat(catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.loadProfile(zero)).getMessage())
                .isEqualTo(zero + ":2:1: concurrency: must be at least 1, found 0");
    }

    private Path write(String name, String content) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
