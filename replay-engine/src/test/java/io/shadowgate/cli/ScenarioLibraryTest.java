package io.shadowgate.cli;

import static io.shadowgate.cli.RunCommandTest.shadowgate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario shipped in {@code scenarios/} says at its top what it rehearses and what must
 * come of it; this runs each one as shipped and checks it does: the verdict, where a rollout
 * ends, and where each version's capacity knee lies.
 */
class ScenarioLibraryTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final Pattern OUTCOME = Pattern.compile("^# Expected outcome: (GO|NO_GO|INCONCLUSIVE) \\(exit (\\d)\\)",
            Pattern.MULTILINE);
    private static final Pattern ROLLOUT = Pattern.compile("^# Expected rollout: (completed|aborted at (.+))$",
            Pattern.MULTILINE);
    private static final Pattern KNEE = Pattern.compile(
            "^# Expected knee: (baseline|candidate) (.+) (\\d+)-(\\d+) req/s$", Pattern.MULTILINE);
    private static final Map<String, Integer> EXIT = Map.of("GO", 0, "NO_GO", 1, "INCONCLUSIVE", 2);

    @TempDir
    Path tmp;

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(9);
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachScenarioComesOutAsItsHeaderSays(Path scenario) throws IOException {
        String text = Files.readString(scenario);
        String header = text.substring(0, text.indexOf("\nname:"));
        assertThat(header).as("what it rehearses, at the top").startsWith("# Rehearses: ");
        Matcher outcome = OUTCOME.matcher(header);
        assertThat(outcome.find()).as("an expected outcome at the top of " + scenario).isTrue();
        assertThat(EXIT.get(outcome.group(1))).as("exit code stated with it").isEqualTo(Integer.parseInt(outcome.group(2)));

        Path out = tmp.resolve("out");
        Result r = shadowgate("run", scenario.toString(), "--out", out.toString(), "--quiet");

        assertThat(r.exit()).as(scenario + "\n" + r.out() + r.err()).isEqualTo(EXIT.get(outcome.group(1)));
        JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        for (JsonNode target : result.path("targets")) {
            assertThat(target.path("counts").path("addsUp").asBoolean()).as(target.path("target").asText()).isTrue();
        }
        Matcher rollout = ROLLOUT.matcher(header);
        if (rollout.find()) {
            JsonNode r2 = result.path("rollout");
            if (rollout.group(1).equals("completed")) {
                assertThat(r2.path("outcome").asText()).as(r2.toString()).isEqualTo("COMPLETED");
            } else {
                assertThat(r2.path("outcome").asText()).as(r2.toString()).isEqualTo("ABORTED");
                assertThat(result.path("verdict").path("reasons").get(0).asText())
                        .startsWith("aborted at " + rollout.group(2) + ",");
                assertThat(r2.path("timeToDetectMillis").isNumber()).isTrue();
                assertThat(r2.path("timeToRevertMillis").asLong()).as("revert bounded by the request timeout")
                        .isBetween(0L, 2_000L);
            }
            RehearsalRunTest.assertAccountsAddUp(result);
        }
        Matcher knee = KNEE.matcher(header);
        while (knee.find()) {
            JsonNode curve = curve(result, knee.group(2), knee.group(1));
            assertThat(curve.path("knee").path("kind").asText()).as(curve.path("knee").toString()).isEqualTo("WITHIN_RAMP");
            assertThat(curve.path("knee").path("estimate").asDouble()).as(curve.path("knee").path("statement").asText())
                    .isBetween(Double.parseDouble(knee.group(3)), Double.parseDouble(knee.group(4)));
        }
    }

    private static JsonNode curve(JsonNode result, String budget, String version) {
        for (JsonNode curves : result.path("capacity")) {
            JsonNode b = curves.path("budget");
            String name = b.path("percentile").isNumber()
                    ? "latency p" + b.path("percentile").asText().replaceAll("\\.0$", "") : "error rate";
            if (name.equals(budget)) {
                return curves.path(version);
            }
        }
        throw new AssertionError("no capacity curves for " + budget + " in " + result.path("capacity"));
    }
}
