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
                .hasMessageContaining("unknown key 'csv' at traffic (expected one of: synth, file, har, gor, accesslog, skipBadRecords)");
    }

    @Test
    void skippingBadRecordsMakesNoSenseForSynthesizedTraffic() {
        assertThatThrownBy(() -> load("traffic:\n  skipBadRecords: true\n  synth: {duration: 1s, rate: 1, requests: [{path: /}]}\n"))
                .hasMessageContaining("traffic.skipBadRecords: applies to recorded traffic only");
    }
}
