package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.compare.model.ValuePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code version} and {@code versionFrom} of a target: what a verdict names, and where it is read. */
class TargetVersionTest {

    /** A real baseline and a simulated candidate; tests add lines under each. */
    private static final String SCENARIO = """
            name: versions
            targets:
              baseline:
                url: http://127.0.0.1:8080
            #BASELINE
              candidate:
                simulated:
                  version: "2.3.1"
            #CANDIDATE
            traffic:
              synth:
                duration: 10s
                rate: 50
                requests:
                  - path: /health
            """;

    @TempDir
    Path dir;

    private int files;

    @Test
    void aSimulatedTargetIsItsSimulatedVersionAndARealOneIsUnknownByDefault() throws Exception {
        Scenario s = load(scenario("", ""));

        assertThat(s.candidate().version()).isEqualTo("2.3.1");
        assertThat(s.baseline().version()).isNull();
        assertThat(s.baseline().versionFrom()).isNull();
    }

    @Test
    void versionAndVersionFromAreReadForEitherKind() throws Exception {
        Scenario s = load(scenario("""
                    version: 2.4.0
                    versionFrom: {header: X-Model-Version}
                """, """
                    version: "2.3.1"
                    versionFrom:
                      field: $.model['version']
                """));

        assertThat(s.baseline().version()).isEqualTo("2.4.0");
        assertThat(s.baseline().versionFrom()).isEqualTo(VersionSource.header("X-Model-Version"));
        assertThat(s.baseline().versionFrom().describe()).isEqualTo("header X-Model-Version");
        assertThat(s.candidate().version()).isEqualTo("2.3.1");
        assertThat(s.candidate().versionFrom()).isEqualTo(VersionSource.field(ValuePath.parse("$.model.version")));
        assertThat(s.candidate().versionFrom().describe()).isEqualTo("field $.model.version");
    }

    @Test
    void aVersionThatDiffersFromTheSimulatedOneIsRefusedAtItsLine() throws Exception {
        Path file = scenario("", "    version: 2.3.0\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":8:5: targets.candidate.version: '2.3.0' differs from "
                + "simulated.version '2.3.1'; a simulated target runs its simulated.version, so leave version out "
                + "or give the same");
        assertThat(e.key()).isEqualTo("targets.candidate.version");
    }

    @Test
    void emptyOrPaddedVersionsAreRefused() throws Exception {
        assertThat(failure(scenario("    version: ''\n", "")).detail())
                .startsWith("targets.baseline.version: must not be empty");
        assertThat(failure(scenario("    version: ' 2.4.0'\n", "")).detail())
                .startsWith("targets.baseline.version: must not start or end with spaces");
    }

    @Test
    void versionFromNeedsExactlyOneOfHeaderAndField() throws Exception {
        ScenarioException both = failure(scenario("    versionFrom: {header: X-V, field: $.v}\n", ""));
        ScenarioException neither = failure(scenario("    versionFrom: {}\n", ""));

        assertThat(both.getMessage()).contains(":5:").endsWith("targets.baseline.versionFrom: give either header or "
                + "field, not both");
        assertThat(neither.detail()).startsWith("targets.baseline.versionFrom: needs header");
    }

    @Test
    void versionFromNamesItsKeysWhenAnUnknownOneIsGiven() throws Exception {
        assertThat(failure(scenario("    versionFrom: {json: $.v}\n", "")).detail())
                .isEqualTo("unknown key 'json' at targets.baseline.versionFrom (expected one of: header, field)");
    }

    @Test
    void aHeaderMustBeAHeaderNameAndAFieldAPathToAField() throws Exception {
        Path header = scenario("    versionFrom: {header: 'X Model Version'}\n", "");
        Path field = scenario("", "    versionFrom: {field: modelVersion}\n");
        Path root = scenario("", "    versionFrom: {field: $}\n");

        ScenarioException badHeader = failure(header);
        assertThat(badHeader.key()).isEqualTo("targets.baseline.versionFrom.header");
        assertThat(badHeader.detail()).contains("'X Model Version' is not a header name");
        ScenarioException badField = failure(field);
        assertThat(badField.key()).isEqualTo("targets.candidate.versionFrom.field");
        assertThat(badField.line()).isEqualTo(8);
        assertThat(badField.detail()).contains("must start with '$'").contains("$.modelVersion");
        assertThat(failure(root).detail()).contains("names the whole body");
    }

    private Path scenario(String baselineLines, String candidateLines) throws IOException {
        String text = SCENARIO.replace("#BASELINE\n", baselineLines).replace("#CANDIDATE\n", candidateLines);
        return Files.writeString(dir.resolve("versions-" + (++files) + ".yaml"), text, StandardCharsets.UTF_8);
    }

    private static Scenario load(Path file) throws ScenarioException {
        return ScenarioLoader.load(file).scenario();
    }
}
