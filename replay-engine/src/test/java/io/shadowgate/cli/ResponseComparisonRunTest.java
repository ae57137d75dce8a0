package io.shadowgate.cli;

import static io.shadowgate.cli.RunCommandTest.shadowgate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Response comparison end to end: the shipped scenarios, simulated targets on loopback. */
class ResponseComparisonRunTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path tmp;

    private static JsonNode gate(JsonNode verdict, String name, String scope) {
        for (JsonNode g : verdict.path("verdict").path("gates")) {
            if (g.path("gate").asText().equals(name) && g.path("scope").asText().equals(scope)) {
                return g;
            }
        }
        throw new AssertionError("no gate '" + name + "' on " + scope + " in " + verdict.path("verdict").path("gates"));
    }

    /** As fast and as reliable as the baseline, but it renamed the score: refused on the contract. */
    @Test
    void aRollbackThatRenamesAFieldIsNoGoOnTheContract() throws IOException {
        Path out = tmp.resolve("schema-break");
        Result r = shadowgate("run", SCENARIOS.resolve("schema-break.yaml").toString(), "--duration", "5s",
                "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("contract: breaking changes: 1 breaking, allowed 0; predict $.score field-removed");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(gate(verdict, "contract: breaking changes", "all").path("decision").asText()).isEqualTo("NO_GO");
        // Latency and errors alone would not refuse it.
        assertThat(gate(verdict, "error rate increase", "all").path("decision").asText()).isNotEqualTo("NO_GO");
        assertThat(gate(verdict, "latency p99 increase", "all").path("decision").asText()).isNotEqualTo("NO_GO");
        JsonNode removed = verdict.path("responses").path("contract").get(0);
        assertThat(removed.path("path").asText()).isEqualTo("$.score");
        assertThat(removed.path("kind").asText()).isEqualTo("FIELD_REMOVED");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<section id=\"contract\">");
    }

    /**
     * Scores 0.002 higher, within the 0.01 tolerance and drift limit; a trace id that differs on
     * every answer, of the baseline to itself too, is reported as noise, not as a regression.
     */
    @Test
    void aModelDriftWithinToleranceIsGoAndTheTraceIdIsNoise() throws IOException {
        Path out = tmp.resolve("drift");
        Result r = shadowgate("run", SCENARIOS.resolve("model-drift-within-tolerance.yaml").toString(), "--duration", "5s",
                "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode drift = gate(verdict, "score drift", "predict");
        assertThat(drift.path("decision").asText()).isEqualTo("GO");
        assertThat(drift.path("estimate").asDouble()).isBetween(0.0019, 0.0021);
        assertThat(gate(verdict, "label flip rate", "predict").path("decision").asText()).isEqualTo("GO");
        JsonNode predict = verdict.path("responses").path("diffs").path("endpoints").get(0);
        assertThat(predict.path("noise").path("compared").asLong()).isEqualTo(predict.path("candidate").path("compared").asLong());
        JsonNode traceId = null;
        for (JsonNode p : predict.path("paths")) {
            assertThat(p.path("path").asText()).as("ignored or within tolerance").isNotIn("$.score", "$.servedAt",
                    "$.modelVersion");
            if (p.path("path").asText().equals("$.traceId")) {
                traceId = p;
            }
        }
        assertThat(traceId).isNotNull();
        assertThat(traceId.path("pathClass").asText()).isEqualTo("WITHIN_NOISE");
        // The second baseline send is a target of its own, accounted like the others.
        assertThat(verdict.path("targets").get(2).path("target").asText()).isEqualTo("baseline-repeat");
        assertThat(verdict.path("targets").get(2).path("counts").path("addsUp").asBoolean()).isTrue();
    }
}
