package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code connections:} block: limits, warm-up, and the client's event loops. */
class ConnectionsBlockTest {

    private static final String HEAD = """
            name: c
            targets:
              baseline: {url: "http://127.0.0.1:1"}
              candidate: {url: "http://127.0.0.1:2"}
            traffic: {synth: {duration: 1s, rate: 1, requests: [{path: /}]}}
            """;

    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, HEAD + text);
        return file;
    }

    @Test
    void eventLoopsAreLeftToTheReplayerUnlessSet() throws Exception {
        assertThat(ScenarioLoader.load(write("connections: {maxPerTarget: 8}\n")).scenario().connections())
                .isEqualTo(new Connections(8, 8, Connections.AUTOMATIC_EVENT_LOOPS));
        assertThat(ScenarioLoader.load(write("connections: {maxPerTarget: 8, eventLoops: 3}\n")).scenario().connections())
                .isEqualTo(new Connections(8, 8, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0   | connections.eventLoops: must be at least 1, found 0",
        "65  | connections.eventLoops: must be at most 64, found 65",
    })
    void eventLoopsOutOfRangeAreLocatedErrors(String value, String detail) throws Exception {
        Path file = write("connections: {eventLoops: " + value + "}\n");

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.detail()).isEqualTo(detail);
                    assertThat(e.getMessage()).startsWith(file + ":6:");
                });
    }
}
