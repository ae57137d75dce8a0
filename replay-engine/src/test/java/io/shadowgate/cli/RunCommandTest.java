package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run} command end to end, in-process, on the shipped demo scenarios. */
class RunCommandTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one in-process run. */
    record Result(int exit, String out, String err) {
    }

    static Result shadowgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void theRollbackDemoIsGoWithCountsThatAddUp() throws IOException {
        Path out = tmp.resolve("rollback");
        Result r = shadowgate("run", SCENARIOS.resolve("demo-rollback.yaml").toString(), "--duration", "4s", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        assertThat(r.out()).startsWith("GO  demo-rollback").contains("report: " + out.resolve("index.html"));
        assertThat(r.err()).isEmpty();
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(verdict.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(verdict.path("verdict").path("decision").asText()).isEqualTo("GO");
        assertThat(verdict.path("info").path("scenarioSha256").asText()).hasSize(64);
        assertThat(verdict.path("info").path("partial").asBoolean()).isFalse();
        for (JsonNode target : verdict.path("targets")) {
            JsonNode counts = target.path("counts");
            long scheduled = counts.path("scheduled").asLong();
            // 4 s at 400/s, Poisson: about 1,600 each.
            assertThat(scheduled).isBetween(1400L, 1800L);
            long sum = 0;
            for (String part : new String[] {"status2xx", "status3xx", "status4xx", "status5xx", "timeouts",
                    "connectionErrors", "notSent"}) {
                sum += counts.path(part).asLong();
            }
            assertThat(sum).isEqualTo(scheduled);
            long endpointSum = 0;
            for (JsonNode endpoint : target.path("endpoints")) {
                endpointSum += endpoint.path("counts").path("scheduled").asLong();
            }
            assertThat(endpointSum).isEqualTo(scheduled);
        }
        assertThat(verdict.path("targets").get(0).path("counts").path("scheduled").asLong())
                .isEqualTo(verdict.path("targets").get(1).path("counts").path("scheduled").asLong());
        assertThat(verdict.path("pace").path("behind").asText()).isEqualTo("NOTHING");
        assertThat(r.out()).containsPattern("schedule +kept: lateness p99 \\d+\\.\\d{3} ms \\(bound 10 ms\\)");
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("demo-rollback").contains("GO");
    }

    @Test
    void theRegressionDemoIsNoGoAndNamesTheBreachedGates() throws IOException {
        Path out = tmp.resolve("regression");
        Result r = shadowgate("run", SCENARIOS.resolve("demo-regression.yaml").toString(), "--duration", "4s", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).startsWith("NO_GO  demo-regression")
                .contains("latency p99 increase: candidate")
                .contains("error rate increase: candidate");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").path("decision").asText()).isEqualTo("NO_GO");
        assertThat(Files.exists(out.resolve("index.html"))).isTrue();
    }

    @Test
    void theSameVersionAgainstItselfIsGoWithItsIntervals() throws IOException {
        Path out = tmp.resolve("aa");
        Result r = shadowgate("run", SCENARIOS.resolve("aa-sanity.yaml").toString(), "--duration", "8s", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        JsonNode gates = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("verdict").path("gates");
        for (JsonNode gate : gates) {
            if (gate.path("unit").asText().equals("ratio")) {
                // Identical versions: the interval straddles zero and sits well inside the 10 % margin.
                assertThat(gate.path("interval").path("lower").asDouble()).isLessThan(0.0);
                assertThat(gate.path("interval").path("upper").asDouble()).isBetween(0.0, 0.10);
                assertThat(gate.path("rule").asText()).contains("paired Poisson bootstrap");
            }
        }
    }

    @Test
    void gatesPerEndpointAreJudgedOnEachEndpointAsWell() throws IOException {
        Path file = tmp.resolve("per-endpoint.yaml");
        Files.writeString(file, Files.readString(SCENARIOS.resolve("demo-regression.yaml"))
                .replace("gates:\n", "gates:\n  perEndpoint: true\n"));
        Path out = tmp.resolve("pe");
        Result r = shadowgate("run", file.toString(), "--duration", "4s", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        JsonNode gates = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("verdict").path("gates");
        java.util.Set<String> scopes = new java.util.TreeSet<>();
        gates.forEach(g -> scopes.add(g.path("scope").asText()));
        assertThat(scopes).containsExactly("all", "healthz", "predict");
        // Four gates on three scopes, and the contract gate: the NO_GO correction counts all thirteen.
        assertThat(gates.get(0).path("rule").asText()).contains("Bonferroni over 13 gates");
        assertThat(r.out()).contains("NO_GO        predict: ");
    }

    @Test
    void stopEarlyEndsAClearRegressionAtTheFirstDecidingLookAndAccountsForTheRest() throws IOException {
        Path out = tmp.resolve("early");
        Result r = shadowgate("run", SCENARIOS.resolve("demo-regression.yaml").toString(), "--stop-early", "--window", "2s",
                "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("decided at look");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode early = verdict.path("info").path("earlyStop");
        assertThat(early.path("look").asInt()).isBetween(1, 5);
        assertThat(early.path("pairs").asLong()).isPositive();
        assertThat(verdict.path("info").path("partial").asBoolean()).isFalse();
        JsonNode counts = verdict.path("targets").get(0).path("counts");
        // 20 s of traffic were scheduled; what the early decision left is accounted as not sent.
        assertThat(counts.path("notSent").asLong()).isPositive();
        assertThat(counts.path("addsUp").asBoolean()).isTrue();
        assertThat(verdict.path("verdict").path("gates").get(0).path("rule").asText()).contains("anytime-valid");
    }

    /**
     * A candidate slow for 2 s of a 10 s run: diluted over the whole run its median moves less
     * than the margin, but the window it happened in is NO_GO on its own, and the verdict says when.
     */
    @Test
    void aRegressionInPartOfTheRunIsFoundByItsWindowAndPlacedInTime() throws IOException {
        Path file = tmp.resolve("mid-run.yaml");
        Files.writeString(file, """
                name: mid-run
                seed: 3
                targets:
                  baseline: {simulated: {version: "1", latency: {median: 5ms, sigma: 0.2}}}
                  candidate:
                    simulated:
                      version: "2"
                      latency: {median: 5ms, sigma: 0.2}
                      faults: [{kind: slow, at: 6s, duration: 2s, add: 5ms}]
                traffic:
                  synth: {duration: 10s, rate: 300, arrivals: constant, requests: [{path: /healthz}]}
                gates:
                  minSamples: 200
                  latency: {p50: {maxIncrease: 10%}}
                """);
        Path out = tmp.resolve("mid");
        Result r = shadowgate("run", file.toString(), "--window", "2s", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("window 6-8 s: latency p50 increase");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("verdict");
        assertThat(verdict.path("gates").get(0).path("scope").asText()).isEqualTo("all");
        assertThat(verdict.path("gates").get(0).path("decision").asText()).isNotEqualTo("NO_GO");
        JsonNode windows = verdict.path("windows");
        assertThat(windows).hasSize(5);
        for (JsonNode w : windows) {
            assertThat(w.path("decision").asText()).as(w.toString())
                    .isEqualTo(w.path("startMillis").asLong() == 6_000 ? "NO_GO" : "GO");
        }
    }

    /** A candidate that times out must not pass a latency gate by leaving its slowest requests out. */
    @Test
    void timeoutsCountInLatencyGatesAtTheTimeWaited() throws IOException {
        Path file = tmp.resolve("timeouts.yaml");
        Files.writeString(file, """
                name: timeouts
                targets:
                  baseline: {simulated: {version: "1", latency: {median: 2ms}}}
                  candidate:
                    simulated:
                      version: "1"
                      latency: {median: 2ms}
                      faults: [{kind: stall, at: 1s, duration: 1500ms}]
                traffic:
                  synth: {duration: 4s, rate: 200, arrivals: constant, requests: [{path: /healthz}]}
                timeouts: {request: 300ms}
                gates:
                  minSamples: 300
                  latency: {p90: {maxMs: 100}}
                """);
        Path out = tmp.resolve("t");
        Result r = shadowgate("run", file.toString(), "--no-warmup", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        JsonNode candidate = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("targets").get(1);
        assertThat(candidate.path("counts").path("timeouts").asLong()).isGreaterThan(100);
        assertThat(candidate.path("latency").path("count").asLong()).isEqualTo(
                candidate.path("counts").path("status2xx").asLong() + candidate.path("counts").path("timeouts").asLong());
    }

    /**
     * A target too slow for the connections allowed to it: the requests queue for a connection,
     * go out late, and the run says so, naming the target and the setting to raise, while every
     * request still has its one outcome.
     */
    @Test
    void aRunThatFellBehindForWantOfConnectionsSaysSoAndWhatToRaise() throws IOException {
        Path file = tmp.resolve("few-connections.yaml");
        Files.writeString(file, """
                name: few-connections
                targets:
                  baseline: {simulated: {version: "1", latency: {median: 2ms}}}
                  candidate: {simulated: {version: "1", latency: {median: 40ms, sigma: 0.05}}}
                connections: {maxPerTarget: 2, warmup: 2}
                traffic:
                  synth: {duration: 3s, rate: 100, arrivals: constant, requests: [{path: /healthz}]}
                timeouts: {request: 10s}
                gates:
                  latency: {p50: {maxMs: 5000}}
                """);
        Path out = tmp.resolve("few");
        Result r = shadowgate("run", file.toString(), "--no-warmup", "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        // 100 requests a second held 40 ms each need 4 connections; 2 are allowed.
        assertThat(r.err()).startsWith("shadowgate: warning: the replay fell behind its schedule: 1 request in 10 went out "
                        + "more than")
                .contains("(lateness p90 at candidate)")
                .containsPattern("At candidate, \\d+ of 300 requests \\(\\d+\\.\\d%\\) found all 2 of its connections busy")
                .contains("it needs about 5 connections")
                .contains("Raise connections.maxPerTarget.")
                .doesNotContain("At baseline");
        assertThat(r.out()).contains("schedule   NOT KEPT").contains("held back by a target's connection limit");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        JsonNode pace = verdict.path("pace");
        assertThat(pace.path("behind").asText()).isEqualTo("CONNECTIONS");
        assertThat(pace.path("sent").path("candidate").asLong()).isEqualTo(300);
        assertThat(pace.path("sent").path("baseline").asLong()).isEqualTo(300);
        assertThat(pace.path("waited").path("candidate").asLong()).isGreaterThan(200);
        assertThat(pace.path("plannedPerSecond").asDouble()).isBetween(99.0, 101.0);
        assertThat(pace.path("sentPerSecond").asDouble()).isLessThan(80.0);
        assertThat(verdict.path("targets").get(1).path("counts").path("status2xx").asLong()).isEqualTo(300);
        assertThat(Files.readString(out.resolve("index.html"))).contains("<p class=\"bad\">The replay fell behind");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("**Schedule not kept**");
    }

    @Test
    void aBrokenScenarioIsExit65WithFileLineAndColumn() throws IOException {
        Path file = tmp.resolve("typo.yaml");
        Files.writeString(file, Files.readString(SCENARIOS.resolve("demo-rollback.yaml")).replace("    rate: 400", "    rat: 400"));
        Result r = shadowgate("run", file.toString(), "--out", tmp.resolve("x").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + file + ":").contains("'rat'").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aMissingScenarioFileIsExit65() {
        Result r = shadowgate("run", tmp.resolve("nope.yaml").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("nope.yaml").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableTargetIsExit69NamingItWithinTheTimeouts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String yaml = Files.readString(SCENARIOS.resolve("demo-rollback.yaml"));
        int start = yaml.indexOf("  candidate:");
        int end = yaml.indexOf("\ntraffic:");
        Path file = tmp.resolve("down.yaml");
        Files.writeString(file, yaml.substring(0, start) + "  candidate:\n    url: http://127.0.0.1:" + closedPort + "\n" + yaml.substring(end));

        long t0 = System.nanoTime();
        Result r = shadowgate("run", file.toString(), "--duration", "2s", "--out", tmp.resolve("down").toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(r.err()).contains("target 'candidate' at http://127.0.0.1:" + closedPort).doesNotContain("\tat ");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void usageErrorsAreExit64() {
        assertThat(shadowgate("run").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(shadowgate("frobnicate").exit()).isEqualTo(ExitCode.USAGE);
        Result r = shadowgate("run", "x.yaml", "--duration", "soon");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'soon' is not a duration");
    }

    @Test
    void versionAndHelpAnswer() {
        Result version = shadowgate("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("shadowgate ");
        Result help = shadowgate("--help");
        assertThat(help.out()).contains("run").contains("simulate").contains("Exit codes");
    }
}
