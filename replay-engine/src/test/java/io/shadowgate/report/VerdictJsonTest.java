package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictJsonTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndReturnsTheFileWritten() throws IOException {
        Path dir = tmp.resolve("reports/run-1");

        Path written = new VerdictJsonWriter().write(RunResultFixture.noGo(), dir);

        assertThat(written).isEqualTo(dir.resolve("verdict.json")).isRegularFile();
    }

    @Test
    void isStrictJsonThatAPlainReaderUnderstands() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        String text = Files.readString(file, StandardCharsets.UTF_8);

        // A default ObjectMapper rejects NaN/Infinity tokens, so parsing at all proves they are absent.
        JsonNode root = new ObjectMapper().readTree(text);

        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(root.get("schemaVersion").intValue()).isEqualTo(RunResult.SCHEMA_VERSION);
        assertThat(root.at("/verdict/decision").textValue()).isEqualTo("NO_GO");
        assertThat(root.at("/verdict/gates/0/decision").textValue()).isEqualTo("GO");
        assertThat(root.at("/verdict/gates/1/decision").textValue()).isEqualTo("NO_GO");
        assertThat(root.at("/verdict/gates/3/decision").textValue()).isEqualTo("INCONCLUSIVE");
        assertThat(root.at("/verdict/gates/1/interval").isNull()).isTrue();
        assertThat(root.at("/verdict/gates/2/interval/confidence").doubleValue()).isEqualTo(0.99);
        assertThat(root.at("/info/started").isTextual()).isTrue();
        assertThat(root.at("/info/started").textValue()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(root.at("/info/finished").textValue()).isEqualTo("2024-05-01T12:05:00.250Z");
        assertThat(root.at("/info/targetVersions/candidate").textValue()).isEqualTo("model-v40 <rollback>");
        assertThat(root.at("/targets/0/target").textValue()).isEqualTo("baseline");
        assertThat(root.at("/targets/0/counts/scheduled").longValue()).isEqualTo(1000);
    }

    @Test
    void writesNonFiniteValuesAsNull() throws IOException {
        JsonNode root = new ObjectMapper().readTree(new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp).toFile());

        // The p99.9 budget gate had nothing to compare; the candidate's hostile endpoint had no responses.
        assertThat(root.at("/verdict/gates/3/baseline").isNull()).isTrue();
        assertThat(root.at("/verdict/gates/3/estimate").isNull()).isTrue();
        assertThat(root.at("/verdict/gates/3/limit").doubleValue()).isEqualTo(250.0);
        assertThat(root.at("/targets/1/endpoints/1/latency/meanMillis").isNull()).isTrue();
        assertThat(root.at("/targets/1/endpoints/1/latency/percentiles/0/millis").isNull()).isTrue();
        assertThat(root.at("/targets/1/endpoints/1/latency/percentiles/0/percentile").doubleValue()).isEqualTo(50.0);
        assertThat(root.at("/targets/1/series/1/p99Millis").isNull()).isTrue();
    }

    @Test
    void infinityIsWrittenAsNullAndReadBackAsNaN() throws IOException {
        RunResult r = RunResultFixture.noGo();
        GateResult g = r.verdict().gates().get(0);
        GateResult infinite = new GateResult(g.gate(), g.scope(), g.decision(), g.baseline(), g.candidate(),
                Double.POSITIVE_INFINITY, g.interval(), Double.NEGATIVE_INFINITY, g.unit(), g.rule(), g.reason());
        RunResult withInfinity = new RunResult(r.schemaVersion(), r.info(),
                new Verdict(Decision.NO_GO, List.of(infinite), List.of()), r.targets());

        Path file = new VerdictJsonWriter().write(withInfinity, tmp);
        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.at("/verdict/gates/0/estimate").isNull()).isTrue();
        assertThat(root.at("/verdict/gates/0/limit").isNull()).isTrue();
        assertThat(VerdictJson.read(file).verdict().gates().get(0).estimate()).isNaN();
    }

    @Test
    void outcomeCountsCarryTheirDerivedFieldsForOtherReaders() throws IOException {
        JsonNode root = new ObjectMapper().readTree(new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp).toFile());

        JsonNode baseline = root.at("/targets/0/counts");
        assertThat(baseline.get("errors").longValue()).isEqualTo(6);
        assertThat(baseline.get("judged").longValue()).isEqualTo(1000);
        assertThat(baseline.get("errorRate").doubleValue()).isEqualTo(0.006);
        assertThat(baseline.get("addsUp").booleanValue()).isTrue();
        assertThat(root.at("/targets/1/endpoints/1/counts/errors").longValue()).isEqualTo(20);
    }

    @Test
    void readsBackAnEqualRunResult() throws IOException {
        RunResult original = RunResultFixture.noGo();
        Path file = new VerdictJsonWriter().write(original, tmp);

        RunResult read = VerdictJson.read(file);

        // Records compare double components with Double.compare, so NaN equals NaN here; the
        // fixture carries NaN in gates, percentiles and the series, so this covers null -> NaN.
        assertThat(read).isEqualTo(VerdictSeal.seal(original));
        assertThat(read.verdict().gates().get(3).baseline()).isNaN();
        assertThat(read.verdict().gates().get(1).interval()).isNull();
        // And a second pass writes the very same bytes: nothing is lost or reordered.
        Path again = new VerdictJsonWriter().write(read, tmp.resolve("again"));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void rejectsAFileFromANewerSchemaNamingTheFile() throws IOException {
        Path file = tmp.resolve("verdict.json");
        Files.writeString(file, "{\"schemaVersion\": 99}");

        assertThatThrownBy(() -> VerdictJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schemaVersion 99");
    }

    @Test
    void rejectsInvalidJsonNamingTheFile() throws IOException {
        Path file = tmp.resolve("verdict.json");
        Files.writeString(file, "{\"schemaVersion\": 1, ");

        assertThatThrownBy(() -> VerdictJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsAFileWithAMissingFieldRatherThanDefaultingIt() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo(), tmp);
        ObjectMapper plain = new ObjectMapper();
        JsonNode root = plain.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.at("/targets/0/counts")).remove("scheduled");
        plain.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> VerdictJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("scheduled");
    }

    @Test
    void aFileWrittenBeforeTheScheduleCheckReadsWithoutOneAndOneWithItKeepsIt() throws IOException {
        Path file = new VerdictJsonWriter().write(RunResultFixture.noGo().withPace(RunResultFixture.fellBehind("x")), tmp);
        assertThat(VerdictJson.read(file).pace()).isEqualTo(RunResultFixture.fellBehind("x"));

        ObjectMapper plain = new ObjectMapper();
        JsonNode root = plain.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("pace");
        plain.writeValue(file.toFile(), root);

        assertThat(VerdictJson.read(file).pace()).isNull();
    }
}
