package io.shadowgate.cli;

import static io.shadowgate.cli.RunCommandTest.shadowgate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import io.shadowgate.capture.Upstream;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.FaultProxy;
import io.shadowgate.sim.FaultProxyOptions;
import io.shadowgate.sim.SimulatedServer;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split mode's staged rollout end to end, against simulated targets on loopback. */
class RehearsalRunTest {

    @TempDir
    Path tmp;

    private static final String TARGETS_AND_TRAFFIC = """
            targets:
              baseline: {simulated: {version: "1", latency: {median: 5ms, sigma: 0.2}}}
              candidate:
                simulated:
                  version: "2"
                  latency: {median: 5ms, sigma: 0.2}
                  %s
            timeouts: {request: 1s}
            traffic:
              synth: {duration: 30s, rate: 2000, arrivals: constant, requests: [{path: /healthz}]}
            gates:
              latency: {p50: {maxIncrease: 20%%}}
              errorRate: {maxIncrease: 2%%}
            """;

    @Test
    void theSameVersionIsPromotedStageByStageAndEveryRequestIsAccountedPerStage() throws IOException {
        Path file = tmp.resolve("aa.yaml");
        Files.writeString(file, """
                name: aa-stages
                seed: 5
                mode: split
                rehearsal:
                  look: 500ms
                  stages: [{weight: 10%, hold: 4s}, {weight: 50%, hold: 3s}, {weight: 100%, hold: 3s}]
                """ + TARGETS_AND_TRAFFIC.formatted(""));
        Path out = tmp.resolve("aa");
        Result r = shadowgate("run", file.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode rollout = result.path("rollout");
        assertThat(rollout.path("outcome").asText()).isEqualTo("COMPLETED");
        List<String> outcomes = new ArrayList<>();
        rollout.path("stages").forEach(s -> outcomes.add(s.path("outcome").asText()));
        assertThat(outcomes).containsExactly("PROMOTED", "PROMOTED", "PROMOTED");
        assertAccountsAddUp(result);
        // The rollout ends when its last stage is promoted: the rest of the stream is not sent.
        assertThat(rollout.path("unread").asLong()).isPositive();
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("id=\"rollout\"").contains("Timeline: the candidate").contains("stage 3 (100%)");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("### Rollout: completed")
                .contains("| stage 2 (50%) | PROMOTED |");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("stage 1 (10%)");
        // The report is rendered from verdict.json, rollout included: rendering it again changes nothing.
        Path again = tmp.resolve("again");
        assertThat(shadowgate("report", out.toString(), "--out", again.toString()).exit()).isZero();
        assertThat(Files.readString(again.resolve("index.html"))).isEqualTo(html);
    }

    @Test
    void aCandidateSlowedDuringTheSecondStageIsAbortedThereAndTheTrafficGoesBack() throws IOException {
        Path file = tmp.resolve("slowed.yaml");
        Files.writeString(file, """
                name: slowed-at-stage-2
                seed: 5
                mode: split
                rehearsal:
                  look: 500ms
                  extensions: 0
                  promoteEarly: false
                  afterAbort: 1s
                  stages: [{weight: 10%, hold: 4s}, {weight: 50%, hold: 6s}, {weight: 100%, hold: 4s}]
                """ + TARGETS_AND_TRAFFIC.formatted("faults: [{kind: slow, at: 5s, duration: 20s, add: 10ms}]"));
        Path out = tmp.resolve("slowed");
        Result r = shadowgate("run", file.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("aborted at stage 2 (50%)").contains("latency p50 increase");
        JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode rollout = result.path("rollout");
        assertThat(rollout.path("outcome").asText()).isEqualTo("ABORTED");
        JsonNode stages = rollout.path("stages");
        assertThat(stages.get(0).path("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(stages.get(1).path("outcome").asText()).isEqualTo("ABORTED");
        assertThat(stages.get(1).path("decision").asText()).isEqualTo("NO_GO");
        assertThat(stages.get(2).path("outcome").asText()).isEqualTo("NOT_REACHED");
        assertThat(stages.get(2).path("requests").asLong()).isZero();
        // Onset is the fault's start; a look every 500 ms on settled traffic finds a 3x median
        // within a few looks, and the revert waits only for the candidate's requests in flight.
        assertThat(rollout.path("onsetMillis").asLong()).isEqualTo(5_000);
        assertThat(rollout.path("timeToDetectMillis").asLong()).isBetween(0L, 3_000L);
        assertThat(rollout.path("timeToRevertMillis").asLong()).isBetween(0L, 1_000L);
        assertThat(rollout.path("afterRequests").asLong()).as("the baseline carried the traffic after the abort")
                .isGreaterThan(1_000);
        List<String> kinds = new ArrayList<>();
        rollout.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).containsSubsequence("STAGE_STARTED", "PROMOTED", "STAGE_STARTED", "FAULT_STARTED", "ABORTED",
                "REVERTED");
        assertAccountsAddUp(result);
    }

    /** Without a shadow phase there are no pairs, but each side's own responses still show a contract break. */
    @Test
    void aSchemaBreakIsCaughtAtTheFirstSplitStageFromEachSidesOwnResponses() throws IOException {
        Path file = tmp.resolve("schema.yaml");
        Files.writeString(file, """
                name: schema-split
                seed: 5
                mode: split
                rehearsal:
                  look: 500ms
                  stages: [{weight: 10%, hold: 4s}, {weight: 100%, hold: 4s}]
                targets:
                  baseline: {simulated: {version: "1", latency: {median: 5ms, sigma: 0.2}}}
                  candidate:
                    simulated: {version: "2", latency: {median: 5ms, sigma: 0.2}, responses: {renameFields: {score: confidence}}}
                traffic:
                  synth:
                    duration: 20s
                    rate: 1000
                    requests: [{method: POST, path: /v1/predict, body: '{"features": {{features:4}}}'}]
                gates:
                  latency: {p50: {maxIncrease: 20%}}
                """);
        Path out = tmp.resolve("schema");
        Result r = shadowgate("run", file.toString(), "--out", out.toString(), "--quiet");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode stages = result.path("rollout").path("stages");
        assertThat(stages.get(0).path("outcome").asText()).as(result.path("verdict").toString()).isEqualTo("ABORTED");
        assertThat(result.path("verdict").path("reasons").toString()).contains("contract: breaking changes")
                .contains("$.score field-removed");
        assertThat(result.path("responses").path("contract").toString()).contains("FIELD_REMOVED");
        assertAccountsAddUp(result);
    }

    @Test
    void trafficShorterThanTheHoldsIsWarnedAboutAndEndsUndecided() throws IOException {
        Path file = tmp.resolve("short.yaml");
        Files.writeString(file, """
                name: short
                seed: 5
                mode: split
                rehearsal:
                  promoteEarly: false
                  stages: [{weight: 10%, hold: 2s}, {weight: 100%, hold: 2s}]
                """ + TARGETS_AND_TRAFFIC.formatted(""));
        Path out = tmp.resolve("short");
        Result r = shadowgate("run", file.toString(), "--duration", "2s", "--out", out.toString(), "--quiet");

        assertThat(r.err()).contains("warning: the traffic spans 2.0 s, less than the 4.0 s the rehearsal's phases hold");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.INCONCLUSIVE);
        JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(result.path("rollout").path("outcome").asText()).isEqualTo("INCOMPLETE");
        assertThat(result.path("verdict").path("reasons").get(0).asText()).contains("before it was decided");
        assertAccountsAddUp(result);
    }

    /**
     * A rehearsal against a real deployment: the candidate is a plain URL, a fault proxy in front
     * of a server, whose faults the scenario knows nothing about. The rollout still aborts at the
     * stage the burst hits, and measures detection from that stage's start.
     */
    @Test
    void aRealCandidateBehindTheFaultProxyIsAbortedWhenTheProxyStartsFailingIt() throws IOException {
        SimulatedProfile profile = new SimulatedProfile("2", new LatencyProfile(5, 0.2, 0, 0), 0,
                SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());
        try (SimulatedServer upstream = SimulatedServer.start(profile, "127.0.0.1", 0, 9);
             FaultProxy proxy = FaultProxy.start(new FaultProxyOptions("127.0.0.1", 0,
                     Upstream.parse(upstream.address().toString()), List.of(new FaultSpec(FaultSpec.FaultKind.ERRORS,
                             Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ZERO, 0.5, 503)), 1L, null),
                     event -> { })) {
            Path file = tmp.resolve("proxied.yaml");
            Files.writeString(file, """
                    name: proxied
                    seed: 6
                    mode: split
                    targets:
                      baseline: {simulated: {version: "1", latency: {median: 5ms, sigma: 0.2}}}
                      candidate: {url: "%s", allowSideEffects: true}
                    rehearsal:
                      look: 500ms
                      extensions: 0
                      promoteEarly: false
                      afterAbort: 500ms
                      stages: [{weight: 10%%, hold: 3s}, {weight: 50%%, hold: 20s}]
                    timeouts: {request: 1s}
                    traffic:
                      synth:
                        duration: 30s
                        rate: 2000
                        arrivals: constant
                        requests: [{method: POST, path: /v1/predict, body: '{"features": [1, 2, 3]}'}]
                    gates:
                      latency: {p50: {maxIncrease: 20%%}}
                      errorRate: {maxIncrease: 2%%}
                    """.formatted(proxy.uri()));
            Path out = tmp.resolve("proxied");
            Result r = shadowgate("run", file.toString(), "--out", out.toString(), "--quiet");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
            JsonNode result = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
            JsonNode rollout = result.path("rollout");
            assertThat(rollout.path("stages").get(1).path("outcome").asText()).as(result.path("verdict").toString())
                    .isEqualTo("ABORTED");
            // The 503s show as more errors, and as a status the baseline never gave (a contract change): either may decide first.
            assertThat(result.path("verdict").path("reasons").toString()).containsAnyOf("error rate increase",
                    "new-status-code");
            assertThat(rollout.path("onset").asText()).contains("start of stage 2 (50%)");
            assertThat(rollout.path("onsetMillis").asLong()).isEqualTo(rollout.path("stages").get(1).path("startMillis").asLong());
            assertAccountsAddUp(result);
        }
    }

    /** Per stage, per target and overall, every request ended in exactly one outcome, and nothing is missing. */
    static void assertAccountsAddUp(JsonNode result) {
        JsonNode rollout = result.path("rollout");
        long routed = 0;
        for (JsonNode stage : rollout.path("stages")) {
            for (String side : new String[] {"baseline", "candidate"}) {
                assertThat(stage.path(side).path("addsUp").asBoolean()).as(stage.toString()).isTrue();
            }
            boolean shadow = stage.path("shadow").asBoolean();
            long b = stage.path("baseline").path("scheduled").asLong();
            long c = stage.path("candidate").path("scheduled").asLong();
            assertThat(shadow ? c : b + c).as("each request of a split stage goes to one target")
                    .isEqualTo(stage.path("requests").asLong());
            routed += stage.path("requests").asLong();
        }
        long records = result.path("info").path("traffic").path("records").asLong();
        assertThat(routed + rollout.path("afterRequests").asLong() + rollout.path("unread").asLong())
                .as("stages + after the rollout + never read = the traffic").isEqualTo(records);
        for (JsonNode target : result.path("targets")) {
            assertThat(target.path("counts").path("addsUp").asBoolean()).as(target.path("target").asText()).isTrue();
        }
    }
}
