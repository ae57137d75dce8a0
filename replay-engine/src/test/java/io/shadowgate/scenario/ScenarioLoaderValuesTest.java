package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.MINIMAL;
import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ScenarioLoader on values of the wrong type, out of range, or at odds with each other: each a
 * located, single-line message.
 */
class ScenarioLoaderValuesTest {

    @TempDir
    Path dir;

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
}
