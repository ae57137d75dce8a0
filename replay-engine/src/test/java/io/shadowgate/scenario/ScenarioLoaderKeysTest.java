package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.MINIMAL;
import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScenarioLoader on keys that are unknown, duplicated, missing or empty: each refused with its
 * line and column and the key's path.
 */
class ScenarioLoaderKeysTest {

    @TempDir
    Path dir;

    @Test
    void unknownTopLevelKeyNamesKeyPlaceAndAllowedKeys() throws Exception {
        Path file = write("top.yaml", MINIMAL + "gate:\n  minSamples: 5\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":13:1: unknown key 'gate' at the top level (expected one of: "
                + "name, description, seed, mode, targets, traffic, timeouts, connections, gates, compare, rehearsal, capacity, "
                + "deterministicLatency)");
        assertThat(e.line()).isEqualTo(13);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.key()).isEqualTo("gate");
    }

    @Test
    void unknownNestedKey() throws Exception {
        Path file = write("demo.yaml", MINIMAL.replace("    rate: 50", "    rat: 50"));

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file
                + ":10:5: unknown key 'rat' at traffic.synth"
                + " (expected one of: duration, rate, ramp, steps, diurnal, arrivals, requests)");
        assertThat(e.key()).isEqualTo("traffic.synth.rat");
    }

    @Test
    void unknownKeyInsideAListItem() throws Exception {
        Path file = write("item.yaml", MINIMAL + "      - path: /b\n        wieght: 2\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":14:9: unknown key 'wieght' at traffic.synth.requests[1]"
                + " (expected one of: name, weight, method, path, headers, body, sessions)");
        assertThat(e.key()).isEqualTo("traffic.synth.requests[1].wieght");
    }

    @Test
    void unknownTargetRoleListsTheHyphenatedKey() throws Exception {
        Path file = write("role.yaml", MINIMAL.replace("  candidate:", "  candidat:"));

        assertThat(failure(file).detail()).isEqualTo(
                "unknown key 'candidat' at targets (expected one of: baseline, candidate, baseline-replica)");
    }

    @Test
    void missingCandidateIsReportedAtTargets() throws Exception {
        Path file = write("missing.yaml", MINIMAL.replace("""
                  candidate:
                    url: http://127.0.0.1:8081
                """, ""));

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":2:1: missing key 'candidate' in targets");
        assertThat(e.key()).isEqualTo("targets.candidate");
    }

    @Test
    void emptyTargetValueIsReportedAtTheKey() throws Exception {
        Path file = write("empty.yaml", MINIMAL.replace("    url: http://127.0.0.1:8081\n", ""));

        assertThat(failure(file).getMessage()).isEqualTo(file + ":5:3: key 'candidate' in targets has no value");
    }

    @Test
    void duplicateKeysAreRefusedRatherThanOverwritten() throws Exception {
        Path file = write("twice.yaml", MINIMAL + "name: other\n");

        assertThat(failure(file).getMessage())
                .isEqualTo(file + ":13:1: duplicate key 'name' in the top level (first given at line 1)");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
