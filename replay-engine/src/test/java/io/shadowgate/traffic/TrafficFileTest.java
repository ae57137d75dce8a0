package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic file format: round trips, integrity checks, and the messages bad files get. */
class TrafficFileTest {

    @TempDir
    Path tmp;

    private static Request request(long id, long offset, String path, byte[] body) {
        return new Request(id, offset, EndpointNames.of("POST", path), "POST", path,
                List.of(new Header("Accept", "a"), new Header("X-Dup", "1"), new Header("X-Dup", "2")), body,
                "user-" + (id % 3),
                id % 2 == 0 ? new RecordedResponse(200, List.of(new Header("Content-Type", "application/json")),
                        "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 830 + id) : null);
    }

    private Path write(String name, int n) throws IOException {
        Path file = tmp.resolve(name);
        try (TrafficFileWriter writer = TrafficFileWriter.create(file, TrafficHeader.of("test", TrafficHeader.Redaction.NONE))) {
            for (int i = 0; i < n; i++) {
                byte[] body = i % 5 == 4 ? new byte[] {0, (byte) 0xff, 1} : ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                writer.write(request(i, i * 1000L, "/v1/items/" + i + "?q=1", body));
            }
        }
        return file;
    }

    private static List<Request> readAll(TrafficFileReader reader) {
        List<Request> out = new ArrayList<>();
        reader.forEachRemaining(out::add);
        return out;
    }

    @Test
    void whatIsWrittenIsReadBackRecordForRecordPlainAndGzip() throws IOException {
        for (String name : List.of("t.jsonl", "t.jsonl.gz")) {
            Path file = write(name, 50);
            try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
                List<Request> read = readAll(reader);

                assertThat(reader.header().source()).isEqualTo("test");
                assertThat(read).hasSize(50);
                for (int i = 0; i < 50; i++) {
                    Request expected = request(i, i * 1000L, "/v1/items/" + i + "?q=1", null);
                    Request actual = read.get(i);
                    assertThat(actual.id()).isEqualTo(i);
                    assertThat(actual.offsetMicros()).isEqualTo(i * 1000L);
                    assertThat(actual.endpoint()).isEqualTo("POST /v1/items/{id}");
                    assertThat(actual.headers()).isEqualTo(expected.headers());
                    assertThat(actual.sessionKey()).isEqualTo(expected.sessionKey());
                    assertThat(actual.body()).isEqualTo(i % 5 == 4 ? new byte[] {0, (byte) 0xff, 1}
                            : ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                    if (i % 2 == 0) {
                        assertThat(actual.recorded().status()).isEqualTo(200);
                        assertThat(actual.recorded().latencyMicros()).isEqualTo(830 + i);
                        assertThat(new String(actual.recorded().body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
                    } else {
                        assertThat(actual.recorded()).isNull();
                    }
                }
                assertThat(reader.sha256()).hasSize(64);
                assertThat(reader.problems()).isEmpty();
            }
        }
        String text = Files.readString(tmp.resolve("t.jsonl"));
        assertThat(text).contains("\"bodyBase64\":\"AP8B\"").contains("\"body\":\"{\\\"n\\\":0}\"");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("{\"trailer\":{\"records\":50,\"sha256\":\"");
    }

    @Test
    void requestsReadFromAFileShareTheirRepeatedValuesInsteadOfEachHoldingACopy() throws IOException {
        // A replay behind its schedule holds every request due but not yet answered, up to rate x
        // timeout of them; each used to carry its own copy of the same method, endpoint and headers
        // (648 bytes a request of bench/replay-10m.sh's traffic held, 248 with them shared).
        Path file = write("t.jsonl.gz", 200);
        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            List<Request> read = readAll(reader);

            Request first = read.get(0);
            Request last = read.get(198);
            assertThat(last.headers()).isEqualTo(first.headers()).isSameAs(first.headers());
            assertThat(last.method()).isSameAs(first.method());
            assertThat(last.endpoint()).isEqualTo("POST /v1/items/{id}").isSameAs(first.endpoint());
            assertThat(read.get(3).sessionKey()).isEqualTo("user-0").isSameAs(first.sessionKey());
            assertThat(last.recorded().headers()).isSameAs(first.recorded().headers());
            // What differs from record to record is still each record's own.
            assertThat(last.path()).isEqualTo("/v1/items/198?q=1");
            assertThat(new String(last.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":198}");
        }
    }

    @Test
    void aChangedRecordBreaksTheChecksum() throws IOException {
        Path file = write("t.jsonl", 10);
        Files.writeString(file, Files.readString(file).replace("\"offsetMicros\":5000", "\"offsetMicros\":5001"));

        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(TrafficFormatException.class)
                    .hasMessageMatching(".*t\\.jsonl: record 11 at byte \\d+: the trailer's SHA-256 [0-9a-f]{64} does not match .*changed or damaged");
        }
    }

    @Test
    void aMalformedLineMidFileNamesItsRecordAndByteOffset() throws IOException {
        Path file = write("t.jsonl", 10);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(4, "{\"id\":3, this is not json");
        Files.write(file, lines);
        long offset = lines.subList(0, 4).stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();

        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(TrafficFormatException.class)
                    .hasMessageStartingWith(file + ": record 4 at byte " + offset + ": not a JSON object");
        }
        try (TrafficFileReader reader = TrafficFileReader.open(file, true)) {
            List<Request> read = readAll(reader);
            assertThat(read).hasSize(9);
            assertThat(reader.skipped()).isEqualTo(1);
            assertThat(reader.problems()).hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("record 4 at byte " + offset))
                    .anySatisfy(p -> assertThat(p).contains("does not match"));
        }
    }

    @Test
    void aTruncatedGzipIsReportedNotHung() throws IOException {
        Path file = write("t.jsonl.gz", 2000);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (TrafficFileReader reader = TrafficFileReader.open(cut, false)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(TrafficFormatException.class)
                    .hasMessageContaining("cut.jsonl.gz: record ")
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void aFileCutAtALineEndHasNoTrailer() throws IOException {
        Path file = write("t.jsonl", 5);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 4));

        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            assertThatThrownBy(() -> readAll(reader)).hasMessageContaining("ends after 3 records without a trailer line");
        }
    }

    @Test
    void notATrafficFileSaysWhatItExpected() throws IOException {
        Path har = tmp.resolve("x.jsonl");
        Files.writeString(har, "{\"log\": {\"entries\": []}}\n");
        assertThatThrownBy(() -> TrafficFileReader.open(har, false))
                .hasMessageContaining("expected the header line");
        Path empty = tmp.resolve("e.jsonl");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> TrafficFileReader.open(empty, false)).hasMessageContaining("the file is empty");
        Path fakeGz = tmp.resolve("f.jsonl.gz");
        Files.writeString(fakeGz, "plain text");
        assertThatThrownBy(() -> TrafficFileReader.open(fakeGz, false)).hasMessageContaining("not a gzip file");
        assertThatThrownBy(() -> TrafficFileReader.open(tmp.resolve("none.jsonl"), false)).hasMessageContaining("no such file");
    }

    @Test
    void offsetsThatGoBackAreRejected() throws IOException {
        Path file = tmp.resolve("t.jsonl");
        try (TrafficFileWriter writer = TrafficFileWriter.create(file, TrafficHeader.of("t", TrafficHeader.Redaction.NONE))) {
            writer.write(request(0, 5000, "/a", new byte[0]));
            writer.write(request(1, 4000, "/a", new byte[0]));
        }
        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            assertThatThrownBy(() -> readAll(reader)).hasMessageContaining("record 2").hasMessageContaining("goes back in time");
        }
    }

    @Test
    void anUnclosedWriterLeavesNoFileThatLooksComplete() throws IOException {
        Path file = tmp.resolve("t.jsonl");
        TrafficFileWriter writer = TrafficFileWriter.create(file, TrafficHeader.of("t", TrafficHeader.Redaction.NONE));
        writer.write(request(0, 0, "/a", new byte[0]));

        assertThat(file).doesNotExist();
        writer.close();
        assertThat(file).exists();
        assertThat(tmp.resolve("t.jsonl.partial")).doesNotExist();
    }

    @Test
    void endpointNamesFoldIdentifiers() {
        assertThat(EndpointNames.of("GET", "/users/123/orders/9f8e7d6c-1a2b-4c3d-8e9f-001122334455?x=1"))
                .isEqualTo("GET /users/{id}/orders/{id}");
        assertThat(EndpointNames.of("GET", "/v1/predict")).isEqualTo("GET /v1/predict");
        assertThat(EndpointNames.of("GET", "/")).isEqualTo("GET /");
        assertThat(EndpointNames.of("GET", "/blob/a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")).isEqualTo("GET /blob/{id}");
    }

}
