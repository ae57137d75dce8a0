package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.MINIMAL;
import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ScenarioLoader on files that load: every field read as written, and the defaults for what is left out. */
class ScenarioLoaderFieldsTest {

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

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
