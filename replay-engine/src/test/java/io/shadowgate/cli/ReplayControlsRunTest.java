package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real capture replayed against real (loopback) URL targets, with replay controls. */
class ReplayControlsRunTest {

    private static final Path GOR = Path.of("..", "..", "shared", "corpus", "datadog-ecommerce-requests_0.gor")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path scenario(String baseline, String candidate, String extraCandidate) throws Exception {
        Path file = tmp.resolve("gor.yaml");
        Files.writeString(file, """
                name: gor-replay
                targets:
                  baseline: {url: %s}
                  candidate:
                    url: %s
                %s
                traffic:
                  gor: %s
                  replay: {maxGap: 20ms}
                gates:
                  minSamples: 1000
                  errorRate: {maxIncrease: 1%%}
                """.formatted(baseline, candidate, extraCandidate, GOR));
        return file;
    }

    @Test
    void postsAreNotReplayedToRealTargetsUnlessAllowedAndTheRunSaysHowMany() throws Exception {
        SimulatedProfile profile = new SimulatedProfile("1", new LatencyProfile(1, 0, 0, 0), 0, 503, List.of());
        try (SimulatedServer b = SimulatedServer.start(profile, "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile, "127.0.0.1", 0, 2)) {
            Path guarded = scenario(b.address().toString(), c.address().toString(), "");
            Result r = RunCommandTest.shadowgate("run", guarded.toString(), "--no-warmup", "--out", tmp.resolve("a").toString());

            // 101 requests, too few for the gates: INCONCLUSIVE, but every request accounted for.
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.INCONCLUSIVE);
            assertThat(r.out()).contains("2 POST/PUT/PATCH/DELETE requests NOT replayed");
            JsonNode info = new ObjectMapper().readTree(tmp.resolve("a").resolve("verdict.json").toFile()).path("info");
            assertThat(info.path("traffic").path("replay").path("sideEffectSkipped").asLong()).isEqualTo(2);
            assertThat(info.path("traffic").path("records").asLong()).isEqualTo(99);
            assertThat(info.path("traffic").path("sha256Of").asText()).isEqualTo("file");

            Path allowed = scenario(b.address().toString(), c.address().toString(), "    allowSideEffects: true");
            Files.writeString(allowed, Files.readString(allowed).replace("baseline: {url: " + b.address() + "}",
                    "baseline: {url: " + b.address() + ", allowSideEffects: true}"));
            Result all = RunCommandTest.shadowgate("run", allowed.toString(), "--no-warmup", "--out", tmp.resolve("b").toString());
            assertThat(all.out()).doesNotContain("NOT replayed");
            JsonNode counts = new ObjectMapper().readTree(tmp.resolve("b").resolve("verdict.json").toFile())
                    .path("targets").get(0).path("counts");
            assertThat(counts.path("scheduled").asLong()).isEqualTo(101);
            assertThat(counts.path("addsUp").asBoolean()).isTrue();
        }
    }

    @Test
    void aMissingEnvironmentVariableForATargetHeaderIsExit65BeforeAnythingStarts() throws Exception {
        Path file = scenario("http://127.0.0.1:9", "http://127.0.0.1:9",
                "    headers: {Authorization: '${env:SHADOWGATE_TEST_SURELY_UNSET}'}");

        Result r = RunCommandTest.shadowgate("run", file.toString(), "--out", tmp.resolve("x").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("targets.candidate.headers.Authorization: the environment variable "
                + "SHADOWGATE_TEST_SURELY_UNSET is not set");
    }
}
