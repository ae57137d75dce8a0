package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Split mode's {@code rehearsal:} block and the {@code capacity:} block. */
class RehearsalBlockTest {

    private static final String HEAD = """
            name: r
            targets:
              baseline: {url: "http://127.0.0.1:1"}
              candidate: {url: "http://127.0.0.1:2"}
            traffic: {synth: {duration: 60s, rate: 100, requests: [{path: /}]}}
            """;

    @TempDir
    Path tmp;

    private Scenario load(String text) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).scenario();
    }

    @Test
    void stagesLoadWithTheirDefaults() throws Exception {
        Scenario s = load(HEAD + """
                mode: split
                rehearsal:
                  shadow: 10s
                  stages: [{weight: 1%, hold: 20s}, {weight: 25%, hold: 20s}, {weight: 100%, hold: 30s}]
                """);

        assertThat(s.mode()).isEqualTo(Mode.SPLIT);
        Rehearsal r = s.rehearsal();
        assertThat(r.shadow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.stages()).extracting(Rehearsal.Stage::weight).containsExactly(0.01, 0.25, 1.0);
        assertThat(r.look()).isEqualTo(Rehearsal.DEFAULT_LOOK);
        assertThat(r.extensions()).isEqualTo(Rehearsal.DEFAULT_EXTENSIONS);
        assertThat(r.promoteEarly()).isTrue();
        assertThat(r.plannedLength()).isEqualTo(Duration.ofSeconds(80));
        // Responses are compared in the shadow phase, so the contract gate is on as in shadow mode.
        assertThat(s.compare().enabled()).isTrue();
    }

    @Test
    void withoutAShadowPhaseResponsesAreNotPairedButTheContractIsStillChecked() throws Exception {
        Scenario s = load(HEAD + "mode: split\nrehearsal: {stages: [{weight: 50%, hold: 5s}]}\n");

        assertThat(s.compare().enabled()).isFalse();
        assertThat(s.gates().responses()).isEqualTo(ResponseGates.CONTRACT);
        Scenario allowing = load(HEAD + "mode: split\nrehearsal: {stages: [{weight: 50%, hold: 5s}]}\n"
                + "gates: {schema: {breaking: 2}}\n");
        assertThat(allowing.gates().responses().maxBreaking()).isEqualTo(2);
        Scenario off = load(HEAD + "mode: split\nrehearsal: {stages: [{weight: 50%, hold: 5s}]}\n"
                + "compare: {enabled: false}\n");
        assertThat(off.gates().responses()).isEqualTo(ResponseGates.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mode: split|split mode needs its stages",
        "rehearsal: {stages: [{weight: 5%, hold: 5s}]}|stages shift traffic in split mode only",
        "mode: split\\nrehearsal: {stages: []}|needs at least one stage",
        "mode: split\\nrehearsal: {stages: [{weight: 5%, hold: 5s}, {weight: 5%, hold: 5s}]}|must be greater than the previous stage's (5%)",
        "mode: split\\nrehearsal: {stages: [{weight: 0%, hold: 5s}]}|must be greater than 0%",
        "mode: split\\nrehearsal: {stages: [{weight: 150%, hold: 5s}]}|150%",
        "mode: split\\nrehearsal: {stages: [{weight: 5%}]}|hold",
        "mode: split\\nrehearsal: {look: 10s, stages: [{weight: 5%, hold: 5s}]}|must be at least rehearsal.look",
        "mode: split\\nrehearsal: {stages: [{weight: 100%, hold: 5s}]}|nothing to be compared with",
        "mode: split\\nrehearsal: {stages: [{weight: 5%, hold: 5s}]}\\ngates: {maxMismatchRate: 1%}|split mode's rehearsal.shadow phase",
        "mode: split\\nrehearsal: {stages: [{weight: 5%, hold: 5s}]}\\ncompare: {noise: repeat}|pair by pair",
        "mode: split\\nrehearsal: {stages: [{weight: 5%, hold: 5s}]}\\ncapacity: {window: 5s}|use mode: shadow",
    })
    void badBlocksAreLocatedErrors(String block, String message) {
        assertThatThrownBy(() -> load(HEAD + block.replace("\\n", "\n") + "\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:")
                .hasMessageContaining(message);
    }

    @Test
    void aReplicaHasNoPlaceInSplitMode() {
        assertThatThrownBy(() -> load("""
                name: r
                mode: split
                targets:
                  baseline: {url: "http://127.0.0.1:1"}
                  candidate: {url: "http://127.0.0.1:2"}
                  baseline-replica: {url: "http://127.0.0.1:3"}
                traffic: {synth: {duration: 60s, rate: 100, requests: [{path: /}]}}
                rehearsal: {stages: [{weight: 5%, hold: 5s}]}
                """)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("targets.baseline-replica").hasMessageContaining("split mode");
    }

    @Test
    void capacityLoadsWithDefaults() throws Exception {
        Scenario s = load(HEAD + "capacity: {maxErrorRate: 2%}\n");

        assertThat(s.capacity()).isEqualTo(new CapacitySpec(CapacitySpec.DEFAULT_WINDOW, 0.02));
        assertThat(load(HEAD).capacity()).isNull();
    }
}
