package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioLoaderTest {

    /** The smallest valid scenario; tests append to it or replace one line of it. */
    private static final String MINIMAL = """
            name: minimal
            targets:
              baseline:
                url: http://127.0.0.1:8080
              candidate:
                url: http://127.0.0.1:8081
            traffic:
              synth:
                duration: 10s
                rate: 50
                requests:
                  - path: /health
            """;

    @TempDir
    Path dir;

    @Test
    void fullFileLoadsWithEveryField() throws Exception {
        Path file = write("full.yaml", """
                name: demo-rollback
                description: Rollback to 2.3.1
                seed: 42
                mode: Shadow
                targets:
                  baseline:
                    url: http://127.0.0.1:8080
                  candidate:
                    simulated:
                      version: "2.3.1"
                      latency:
                        median: 5ms
                        sigma: 0.3
                        tailProbability: 1%
                        tail: 80ms
                      errorRate: 0.5%
                      errorStatus: 502
                      faults:
                        - kind: STALL
                          at: 2s
                          duration: 1.5s
                  baseline-replica:
                    simulated:
                      version: 2.10
                traffic:
                  synth:
                    duration: 20s
                    rate: 200.5
                    arrivals: constant
                    requests:
                      - name: predict
                        weight: 9
                        method: post
                        path: /v1/predict?x=1
                        headers:
                          content-type: application/json
                          x-trace: 7
                        body: '{"features": {{features:8}}}'
                      - path: /v1/models?verbose=true
                timeouts:
                  connect: 1s
                  request: 250ms
                connections:
                  maxPerTarget: 64
                  warmup: 8
                gates:
                  minSamples: 500
                  latency:
                    p50: {maxIncrease: 10%}
                    p99: {maxIncrease: 0.1, maxMs: 250}
                    p99.9: {maxMs: 500}
                  errorRate: {maxIncrease: 0.5%}
                """);

        Scenario s = ScenarioLoader.load(file).scenario();

        assertThat(s.name()).isEqualTo("demo-rollback");
        assertThat(s.description()).isEqualTo("Rollback to 2.3.1");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.mode()).isEqualTo(Mode.SHADOW);
        assertThat(s.targets()).containsOnlyKeys("baseline", "candidate", "baseline-replica");
        assertThat(s.targets().keySet()).containsExactly("baseline", "candidate", "baseline-replica");
        assertThat(s.baseline().url()).hasToString("http://127.0.0.1:8080");
        assertThat(s.baseline().isSimulated()).isFalse();
        SimulatedProfile candidate = s.candidate().simulated();
        assertThat(s.candidate().url()).isNull();
        assertThat(candidate.version()).isEqualTo("2.3.1");
        assertThat(candidate.latency()).isEqualTo(new LatencyProfile(5, 0.3, 0.01, 80));
        assertThat(candidate.errorRate()).isEqualTo(0.005);
        assertThat(candidate.errorStatus()).isEqualTo(502);
        assertThat(candidate.faults()).containsExactly(
                new FaultSpec(FaultSpec.FaultKind.STALL, Duration.ofSeconds(2), Duration.ofMillis(1500)));
        // A YAML number as version keeps its digits: 2.10 is not 2.1.
        assertThat(s.targets().get("baseline-replica").simulated()).isEqualTo(
                new SimulatedProfile("2.10", LatencyProfile.INSTANT, 0, 503, List.of()));

        TrafficSpec traffic = s.traffic().synth();
        assertThat(traffic.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(traffic.rate()).isEqualTo(200.5);
        assertThat(traffic.arrivals()).isEqualTo(TrafficSpec.Arrivals.CONSTANT);
        assertThat(traffic.requests()).hasSize(2);
        RequestTemplate predict = traffic.requests().get(0);
        assertThat(predict.name()).isEqualTo("predict");
        assertThat(predict.weight()).isEqualTo(9);
        assertThat(predict.method()).isEqualTo("POST");
        assertThat(predict.path()).isEqualTo("/v1/predict?x=1");
        assertThat(predict.headers()).containsExactly(
                entry("content-type", "application/json"), entry("x-trace", "7"));
        assertThat(predict.body()).isEqualTo("{\"features\": {{features:8}}}");
        assertThat(traffic.requests().get(1)).isEqualTo(
                new RequestTemplate("GET /v1/models", 1, "GET", "/v1/models?verbose=true", java.util.Map.of(), null));

        assertThat(s.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(250)));
        assertThat(s.connections()).isEqualTo(new Connections(64, 8));
        assertThat(s.gates().minSamples()).isEqualTo(500);
        assertThat(s.gates().latency()).containsExactly(
                entry(50.0, new LatencyGate(0.10, null)),
                entry(99.0, new LatencyGate(0.1, 250.0)),
                entry(99.9, new LatencyGate(null, 500.0)));
        assertThat(s.gates().errorRate()).isEqualTo(new ErrorRateGate(0.005));
    }

    @Test
    void defaultsApplyToAMinimalFile() throws Exception {
        Scenario s = ScenarioLoader.load(write("minimal.yaml", MINIMAL)).scenario();

        assertThat(s.description()).isEmpty();
        assertThat(s.seed()).isEqualTo(1);
        assertThat(s.mode()).isEqualTo(Mode.SHADOW);
        assertThat(s.targets().keySet()).containsExactly("baseline", "candidate");
        assertThat(s.traffic().synth().arrivals()).isEqualTo(TrafficSpec.Arrivals.POISSON);
        assertThat(s.traffic().synth().requests()).containsExactly(
                new RequestTemplate("GET /health", 1, "GET", "/health", java.util.Map.of(), null));
        assertThat(s.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(s.connections()).isEqualTo(Connections.DEFAULT);
        // Shadow mode compares responses by default, and then the contract must not break.
        assertThat(s.gates()).isEqualTo(new Gates(Gates.DEFAULT_MIN_SAMPLES, java.util.Map.of(), null)
                .withResponses(ResponseGates.CONTRACT));
        assertThat(s.compare()).isEqualTo(ResponseComparison.DEFAULT);
    }

    @Test
    void partialSectionsTakeDefaultsPerField() throws Exception {
        Scenario s = ScenarioLoader.load(write("partial.yaml", MINIMAL + """
                timeouts: {request: 3s}
                connections: {maxPerTarget: 4}
                gates: {latency: {p99: {maxMs: 100}}}
                """)).scenario();

        assertThat(s.timeouts()).isEqualTo(new Timeouts(Timeouts.DEFAULT.connect(), Duration.ofSeconds(3)));
        // The default warmup (16) would exceed 4 connections, so it is capped rather than refused.
        assertThat(s.connections()).isEqualTo(new Connections(4, 4));
        assertThat(s.gates().minSamples()).isEqualTo(Gates.DEFAULT_MIN_SAMPLES);
        assertThat(s.gates().errorRate()).isNull();
    }

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
    void deterministicLatencyIsOffByDefaultAndNeedsSimulatedTargets() throws Exception {
        assertThat(ScenarioLoader.load(write("plain.yaml", MINIMAL)).scenario().deterministicLatency()).isFalse();

        Path real = write("real.yaml", MINIMAL + "deterministicLatency: true\n");
        assertThat(failure(real).getMessage()).startsWith(real + ":13:")
                .contains("deterministicLatency: needs every target simulated").contains("baseline is a url");

        String simulated = MINIMAL.replace("    url: http://127.0.0.1:8080", "    simulated: {version: '1'}")
                .replace("    url: http://127.0.0.1:8081", "    simulated: {version: '2'}");
        Path ok = write("sim.yaml", simulated + "deterministicLatency: true\n");
        assertThat(ScenarioLoader.load(ok).scenario().deterministicLatency()).isTrue();

        Path faulty = write("faults.yaml", simulated.replace("simulated: {version: '2'}",
                "simulated: {version: '2', faults: [{kind: errors, at: 1s, duration: 1s, fraction: 50%}]}")
                + "deterministicLatency: true\n");
        assertThat(failure(faulty).getMessage()).contains("candidate.simulated.faults strike by time");

        Path clocked = write("clocked.yaml", simulated.replace("simulated: {version: '2'}",
                "simulated: {version: '2', responses: {nondeterministic: true}}") + "deterministicLatency: true\n");
        assertThat(failure(clocked).getMessage()).startsWith(clocked + ":")
                .contains("candidate.simulated.responses.nondeterministic answers with the clock");
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
    void wrongTypeNamesKeyAndExpectation() throws Exception {
        Path file = write("type.yaml", MINIMAL.replace("rate: 50", "rate: fast"));

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":10:5: traffic.synth.rate: expected a number, found 'fast'");
    }

    @Test
    void fractionalSeedIsNotRounded() throws Exception {
        ScenarioException e = failure(write("seed.yaml", MINIMAL + "seed: 1.5\n"));

        assertThat(e.detail()).isEqualTo("seed: expected a whole number, found the number 1.5");
    }

    @Test
    void numbersOutOfRangeAreNamed() throws Exception {
        ScenarioException e = failure(write("big.yaml", MINIMAL + "connections: {maxPerTarget: 99999999999}\n"));

        assertThat(e.detail()).isEqualTo("connections.maxPerTarget: the number 99999999999 is out of range");
    }

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
    void urlAndSimulatedTogetherIsAnError() throws Exception {
        Path file = write("both.yaml", MINIMAL.replace("    url: http://127.0.0.1:8081",
                "    url: http://127.0.0.1:8081\n    simulated: {version: '1'}"));

        assertThat(failure(file).getMessage())
                .isEqualTo(file + ":5:3: targets.candidate: give either url or simulated, not both");
    }

    @Test
    void neitherUrlNorSimulatedIsAnError() throws Exception {
        Path file = write("neither.yaml", MINIMAL.replace("    url: http://127.0.0.1:8081", "    {}"));

        assertThat(failure(file).detail()).startsWith("targets.candidate: needs either url");
    }

    @Test
    void httpsTargetsAreRefused() throws Exception {
        Path file = write("https.yaml", MINIMAL.replace("http://127.0.0.1:8081", "https://example.com"));

        assertThat(failure(file).getMessage())
                .isEqualTo(file + ":6:5: targets.candidate.url: https targets are not supported yet");
    }

    @Test
    void durationWithoutUnitIsAnError() throws Exception {
        Path file = write("duration.yaml", MINIMAL.replace("duration: 10s", "duration: 10"));

        assertThat(failure(file).getMessage()).isEqualTo(file
                + ":9:5: traffic.synth.duration: expected a duration such as 250ms or 2s (units: ns, us, ms, s, m, h),"
                + " found '10'");
    }

    @Test
    void fractionAboveOneNeedsAPercentSign() throws Exception {
        Path file = write("fraction.yaml", MINIMAL + "gates:\n  errorRate: {maxIncrease: 5}\n");

        ScenarioException e = failure(file);

        assertThat(e.key()).isEqualTo("gates.errorRate.maxIncrease");
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.detail()).contains("write percentages with a % sign, e.g. 10%");
    }

    @Test
    void tailProbabilityNeedsATail() throws Exception {
        Path file = write("tail.yaml", MINIMAL.replace("    url: http://127.0.0.1:8081",
                "    simulated:\n      version: x\n      latency: {median: 5ms, tailProbability: 2%}"));

        assertThat(failure(file).detail()).isEqualTo("missing key 'tail' in targets.candidate.simulated.latency"
                + " (required when tailProbability is above 0)");
    }

    @Test
    void badPercentileKeyIsNamed() throws Exception {
        Path file = write("percentile.yaml", MINIMAL + "gates:\n  latency:\n    p100: {maxMs: 5}\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).startsWith(file + ":15:5: gates.latency.p100: expected a percentile key like"
                + " p99 or p99.9");
    }

    @Test
    void latencyGateNeedsABound() throws Exception {
        Path file = write("gate.yaml", MINIMAL + "gates:\n  latency:\n    p99: {}\n");

        assertThat(failure(file).detail()).startsWith("gates.latency.p99: needs maxIncrease");
    }

    @Test
    void duplicateRequestNamesAreRefused() throws Exception {
        Path file = write("dup.yaml", MINIMAL + "      - path: /health?deep=1\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":13:9: traffic.synth.requests[1]: duplicate request name"
                + " 'GET /health' (also used by traffic.synth.requests[0]); give each request a distinct name");
    }

    @Test
    void emptyRequestListIsRefused() throws Exception {
        Path file = write("none.yaml", MINIMAL.replace("    requests:\n      - path: /health\n", "    requests: []\n"));

        assertThat(failure(file).getMessage())
                .isEqualTo(file + ":11:5: traffic.synth.requests: needs at least one request");
    }

    @Test
    void warmupCannotExceedMaxPerTarget() throws Exception {
        Path file = write("warmup.yaml", MINIMAL + "connections: {maxPerTarget: 2, warmup: 3}\n");

        assertThat(failure(file).detail()).isEqualTo("connections.warmup: must be at most maxPerTarget (2), found 3");
    }

    @Test
    void duplicateKeysAreRefusedRatherThanOverwritten() throws Exception {
        Path file = write("twice.yaml", MINIMAL + "name: other\n");

        assertThat(failure(file).getMessage())
                .isEqualTo(file + ":13:1: duplicate key 'name' in the top level (first given at line 1)");
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

    /** Whatever is wrong, the message is ours: no Jackson class names, no multi-line dumps. */
    @ParameterizedTest
    @ValueSource(strings = {
        "name: [a, b]",
        "name: {a: 1}",
        "name: ''",
        "seed: 99999999999999999999999",
        "seed: true",
        "connections: {maxPerTarget: 99999999999}",
        "connections: [1]",
        "timeouts: soon",
        "gates: {latency: [p99]}",
        "gates: {errorRate: 0.5%}",
        "gates: {minSamples: 0}",
        "mode: split",
        "description: &a x\nmode: *a",
        "description: *undefined",
        "description: !!binary aGVsbG8=",
    })
    void badValuesGiveLocatedSingleLineMessages(String line) throws Exception {
        String base = line.startsWith("name") ? MINIMAL.replace("name: minimal\n", "") : MINIMAL;
        Path file = write("bad.yaml", base + line + "\n");

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).startsWith(file + ":").doesNotContain("\n", "com.fasterxml", "Exception");
        assertThat(e.line()).isPositive();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static ScenarioException failure(Path file) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertThat(e).as("loading %s should fail", file).isNotNull();
        return e;
    }
}
