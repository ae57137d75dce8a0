package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code traffic:} section: exactly one source, recorded files found beside the scenario. */
class TrafficInputTest {

    private static final String HEAD = """
            name: t
            targets:
              baseline: {url: http://127.0.0.1:8080}
              candidate: {url: http://127.0.0.1:8081}
            """;

    @TempDir
    Path dir;

    private Scenario load(String traffic) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("scenarios"));
        Path file = sub.resolve("s.yaml");
        Files.writeString(file, HEAD + traffic);
        return ScenarioLoader.load(file).scenario();
    }

    @Test
    void recordedFilesAreResolvedBesideTheScenario() throws Exception {
        TrafficInput har = load("traffic:\n  har: captures/session.har\n").traffic();

        assertThat(har.isSynthesized()).isFalse();
        assertThat(har.format()).isEqualTo(TrafficInput.Format.HAR);
        assertThat(har.file()).isEqualTo(dir.resolve("scenarios").resolve("captures/session.har"));
        assertThat(har.skipBadRecords()).isFalse();
        assertThat(har.describe()).startsWith("har:").endsWith("session.har");

        TrafficInput file = load("traffic:\n  file: /abs/prod.jsonl.gz\n  skipBadRecords: true\n").traffic();
        assertThat(file.format()).isEqualTo(TrafficInput.Format.FILE);
        assertThat(file.file()).isEqualTo(Path.of("/abs/prod.jsonl.gz"));
        assertThat(file.skipBadRecords()).isTrue();

        assertThat(load("traffic:\n  gor: a.gor\n").traffic().format()).isEqualTo(TrafficInput.Format.GOR);
        assertThat(load("traffic:\n  accesslog: access.log\n").traffic().format()).isEqualTo(TrafficInput.Format.ACCESSLOG);
    }

    @Test
    void exactlyOneSourceIsAllowed() {
        assertThatThrownBy(() -> load("traffic:\n  har: a.har\n  gor: b.gor\n"))
                .hasMessageEndingWith(":5:1: traffic: has 2 sources: exactly one of synth, file, har, gor, accesslog");
        assertThatThrownBy(() -> load("traffic: {}\n"))
                .hasMessageContaining("traffic: needs a source: exactly one of synth, file, har, gor, accesslog");
        assertThatThrownBy(() -> load("traffic:\n  csv: a.csv\n"))
                .hasMessageContaining("unknown key 'csv' at traffic (expected one of: synth, file, har, gor, accesslog, skipBadRecords, replay)");
    }

    @Test
    void skippingBadRecordsMakesNoSenseForSynthesizedTraffic() {
        assertThatThrownBy(() -> load("traffic:\n  skipBadRecords: true\n  synth: {duration: 1s, rate: 1, requests: [{path: /}]}\n"))
                .hasMessageContaining("traffic.skipBadRecords: applies to recorded traffic only");
    }

    @Test
    void replayControlsLoadWithTheirDefaults() throws Exception {
        TrafficInput t = load("""
                traffic:
                  gor: a.gor
                  replay:
                    from: 30s
                    to: 90s
                    methods: [get, Post]
                    allowPaths: ['^/v1/']
                    denyPaths: ['^/v1/admin']
                    speed: 2
                    maxGap: 500ms
                    loop: 3
                    rewritePaths: [{match: '^/v1/', replace: '/v2/'}]
                    setHeaders: {X-Replay: shadowgate}
                    removeHeaders: [Cookie]
                """).traffic();

        ReplayControls c = t.controls();
        assertThat(c.from()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(c.to()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(c.methods()).containsExactly("GET", "POST");
        assertThat(c.allowPaths()).singleElement().extracting(java.util.regex.Pattern::pattern).isEqualTo("^/v1/");
        assertThat(c.speed()).isEqualTo(2.0);
        assertThat(c.maxGap()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(c.rate()).isNull();
        assertThat(c.loop()).isEqualTo(3);
        assertThat(c.pathRewrites()).singleElement().extracting(ReplayControls.PathRewrite::replace).isEqualTo("/v2/");
        assertThat(c.removeHeaders()).containsExactly("cookie");
        assertThat(load("traffic:\n  har: a.har\n").traffic().controls().isNone()).isTrue();
    }

    @Test
    void replayControlErrorsAreLocated() {
        assertThatThrownBy(() -> load("traffic:\n  har: a.har\n  replay:\n    denyPaths: ['(unclosed']\n"))
                .hasMessageContaining(":8:17: traffic.replay.denyPaths[0]: not a valid regular expression");
        assertThatThrownBy(() -> load("traffic:\n  har: a.har\n  replay: {rate: 100, speed: 2}\n"))
                .hasMessageContaining("traffic.replay.rate: replaces the recorded timing, so it cannot go with speed or maxGap");
        assertThatThrownBy(() -> load("traffic:\n  har: a.har\n  replay: {from: 10s, to: 5s}\n"))
                .hasMessageContaining("traffic.replay.to: must be after from");
    }

    @Test
    void realTargetsNeedPermissionForSideEffectsAndMayCarryTheirOwnHeaders() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("scenarios"));
        Path file = sub.resolve("t.yaml");
        Files.writeString(file, """
                name: t
                targets:
                  baseline: {url: http://127.0.0.1:8080}
                  candidate:
                    url: http://127.0.0.1:8081
                    allowSideEffects: true
                    host: api.internal
                    headers: {Authorization: '${env:CANDIDATE_TOKEN}', X-Team: shadow}
                traffic: {har: a.har}
                """);
        Scenario s = ScenarioLoader.load(file).scenario();

        assertThat(s.baseline().allowSideEffects()).isFalse();
        assertThat(s.candidate().allowSideEffects()).isTrue();
        assertThat(s.candidate().host()).isEqualTo("api.internal");
        assertThat(s.candidate().headers()).containsEntry("Authorization", "${env:CANDIDATE_TOKEN}");
        assertThat(EnvReference.resolve("${env:CANDIDATE_TOKEN}", java.util.Map.of("CANDIDATE_TOKEN", "t0k"))).contains("t0k");
        assertThat(EnvReference.resolve("${env:NOPE}", java.util.Map.of())).isEmpty();

        Files.writeString(file, Files.readString(file).replace("${env:CANDIDATE_TOKEN}", "Bearer ${env:X}"));
        assertThatThrownBy(() -> ScenarioLoader.load(file)).hasMessageContaining("targets.candidate.headers.Authorization: "
                + "write an environment reference as the whole value");
    }

    @Test
    void gatesMayHoldPerEndpointAtAChosenConfidence() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("scenarios"));
        Path file = sub.resolve("g.yaml");
        Files.writeString(file, HEAD + "traffic: {har: a.har}\ngates:\n  perEndpoint: true\n  confidence: 95%\n"
                + "  latency: {p99: {maxIncrease: 10%}}\n");
        Gates gates = ScenarioLoader.load(file).scenario().gates();

        assertThat(gates.perEndpoint()).isTrue();
        assertThat(gates.confidence()).isEqualTo(0.95);
        // The p99 gate, and the contract gate that comes with compared responses.
        assertThat(gates.count()).isEqualTo(2);
        Files.writeString(file, HEAD + "traffic: {har: a.har}\ngates:\n  confidence: 40%\n");
        assertThatThrownBy(() -> ScenarioLoader.load(file)).hasMessageContaining("gates.confidence: must be at least 50%");
    }
}
