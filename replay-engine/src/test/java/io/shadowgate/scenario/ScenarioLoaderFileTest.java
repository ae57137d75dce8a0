package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.MINIMAL;
import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ScenarioLoader on the file as a whole: YAML or JSON, parser errors at the parser's position,
 * an empty or missing file, and the hash of its bytes.
 */
class ScenarioLoaderFileTest {

    @TempDir
    Path dir;

    @Test
    void aliasesAreRefusedRatherThanReadAsText() throws Exception {
        ScenarioException e = failure(write("alias.yaml", MINIMAL + "description: &d x\nmode: *d\n"));

        assertThat(e.getMessage()).endsWith(":14:7: YAML aliases (*d) are not supported; repeat the value");
    }

    @Test
    void unclosedQuoteReportsParserPosition() throws Exception {
        Path file = write("quote.yaml", "name: 'demo\ntargets: {}\n");

        ScenarioException e = failure(file);

        // SnakeYAML notices only at the end of the file; the message says where the quote opened.
        assertThat(e.getMessage()).startsWith(file + ":3:1: invalid YAML: found unexpected end of stream")
                .contains("line 1, column 7");
    }

    @Test
    void badIndentationReportsParserPosition() throws Exception {
        Path file = write("indent.yaml", MINIMAL.replace("    rate: 50", "   rate: 50"));

        ScenarioException e = failure(file);

        assertThat(e.line()).isEqualTo(10);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.getMessage()).startsWith(file + ":10:4: invalid YAML: ").contains("indentation");
    }

    @Test
    void aSecondYamlDocumentIsRefused() throws Exception {
        assertThat(failure(write("two.yaml", MINIMAL + "---\nname: again\n")).detail())
                .startsWith("only one document");
    }

    @Test
    void emptyFileIsAWholeFileError() throws Exception {
        Path file = write("blank.yaml", "# nothing here\n");

        assertThat(failure(file).getMessage()).startsWith(file + ": the file is empty");
    }

    @Test
    void jsonScenarioLoadsWithTheSameRules() throws Exception {
        Path file = write("demo.json", """
                {
                  "name": "json-demo",
                  "targets": {
                    "baseline": {"url": "http://127.0.0.1:8080"},
                    "candidate": {"simulated": {"version": 3, "errorRate": "1%"}}
                  },
                  "traffic": {"synth": {"duration": "5s", "rate": 10, "requests": [{"path": "/x"}]}}
                }
                """);

        Scenario s = ScenarioLoader.load(file).scenario();

        assertThat(s.name()).isEqualTo("json-demo");
        assertThat(s.candidate().simulated().version()).isEqualTo("3");
        assertThat(s.candidate().simulated().errorRate()).isEqualTo(0.01);
        assertThat(s.traffic().synth().duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jsonErrorsAreLocatedToo() throws Exception {
        Path file = write("bad.json", "{\"name\": \"j\",\n  \"nmae\": 1}\n");

        assertThat(failure(file).getMessage()).startsWith(file + ":2:3: unknown key 'nmae' at the top level");
    }

    @Test
    void jsonSyntaxErrorsAreLocated() throws Exception {
        Path file = write("syntax.json", "{\"name\": \"j\",\n  }\n");

        assertThat(failure(file).getMessage()).startsWith(file + ":2:3: invalid syntax: ");
    }

    @Test
    void sha256IsOfTheRawBytes() throws Exception {
        Path file = write("hash.yaml", MINIMAL);

        LoadedScenario loaded = ScenarioLoader.load(file);

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertThat(loaded.sha256()).isEqualTo(expected).hasSize(64);
        assertThat(loaded.file()).isEqualTo(file);
    }

    @Test
    void missingFileIsAWholeFileError() {
        Path file = dir.resolve("nope.yaml");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ": cannot read file: No such file");
        assertThat(e.line()).isZero();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
