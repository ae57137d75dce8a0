package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, synth and run --traffic: recorded traffic from the corpus through to a verdict. */
class TrafficCommandsTest {

    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");
    private static final Path DEMO = Path.of("..", "scenarios", "demo-rollback.yaml");

    @TempDir
    Path tmp;

    private static List<Request> read(Path file) {
        List<Request> out = new ArrayList<>();
        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> valuesOf(List<Request> requests, String header) {
        List<String> values = new ArrayList<>();
        for (Request r : requests) {
            for (Header h : r.headers()) {
                if (h.name().equalsIgnoreCase(header)) {
                    values.add(h.value());
                }
            }
        }
        return values;
    }

    @Test
    void importingAGoReplayCaptureRedactsCookiesByDefault() throws IOException {
        Path out = tmp.resolve("gor.jsonl.gz");
        Result r = RunCommandTest.shadowgate("import", "gor", CORPUS.resolve("datadog-ecommerce-requests_0.gor").toString(),
                "--out", out.toString(), "--redact-header", "X-Spree-Order-Token");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported 101 requests from ").contains("credentials redacted");
        List<Request> requests = read(out);
        assertThat(requests).hasSize(101);
        assertThat(valuesOf(requests, "Cookie")).isNotEmpty().allMatch("[REDACTED]"::equals);
        assertThat(valuesOf(requests, "X-Spree-Order-Token")).isNotEmpty().allMatch("[REDACTED]"::equals);
        try (TrafficFileReader reader = TrafficFileReader.open(out, false)) {
            assertThat(reader.header().redaction().applied()).isTrue();
            assertThat(reader.header().redaction().headers()).contains("cookie", "authorization", "x-spree-order-token");
            assertThat(reader.header().source()).isEqualTo("gor:datadog-ecommerce-requests_0.gor");
        }
    }

    @Test
    void noRedactKeepsCredentialsAndSaysSo() throws IOException {
        Path out = tmp.resolve("gor.jsonl");
        Result r = RunCommandTest.shadowgate("import", "gor", CORPUS.resolve("datadog-ecommerce-requests_0.gor").toString(),
                "--out", out.toString(), "--no-redact");

        assertThat(r.out()).contains("NOT redacted");
        assertThat(valuesOf(read(out), "Cookie")).isNotEmpty().noneMatch("[REDACTED]"::equals);
    }

    @Test
    void importingAHarKeepsItsRecordedResponses() throws IOException {
        Path out = tmp.resolve("har.jsonl");
        Result r = RunCommandTest.shadowgate("import", "har", CORPUS.resolve("mitmproxy-firefox.har").toString(),
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<Request> requests = read(out);
        assertThat(requests).hasSize(14);
        assertThat(requests).allSatisfy(req -> assertThat(req.method()).isEqualTo("GET"));
        assertThat(requests.get(0).recorded()).isNotNull();
    }

    @Test
    void aBrokenCaptureIsExit65NamingTheFile() throws IOException {
        Path notHar = tmp.resolve("broken.har");
        Files.writeString(notHar, "hello");
        Result r = RunCommandTest.shadowgate("import", "har", notHar.toString(), "--out", tmp.resolve("x.jsonl").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + notHar).doesNotContain("\tat ");
        assertThat(tmp.resolve("x.jsonl")).doesNotExist();
        assertThat(RunCommandTest.shadowgate("import", "csv", notHar.toString(), "--out", "x").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void synthesizingTwiceGivesTheSameBytes() throws IOException {
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        assertThat(RunCommandTest.shadowgate("synth", DEMO.toString(), "--duration", "2s", "--out", a.toString()).exit()).isZero();
        assertThat(RunCommandTest.shadowgate("synth", DEMO.toString(), "--duration", "2s", "--out", b.toString()).exit()).isZero();

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(read(a)).hasSizeBetween(700, 900);
        Path c = tmp.resolve("c.jsonl");
        RunCommandTest.shadowgate("synth", DEMO.toString(), "--duration", "2s", "--seed", "9", "--out", c.toString());
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
    }

    @Test
    void aRunOnARecordedFileProvesWhichTrafficItUsed() throws IOException {
        Path traffic = tmp.resolve("t.jsonl.gz");
        RunCommandTest.shadowgate("synth", DEMO.toString(), "--duration", "3s", "--out", traffic.toString());
        Path out = tmp.resolve("run");

        Result r = RunCommandTest.shadowgate("run", DEMO.toString(), "--traffic", traffic.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        JsonNode info = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("info");
        String trailerSha;
        try (TrafficFileReader reader = TrafficFileReader.open(traffic, false)) {
            reader.forEachRemaining(x -> { });
            trailerSha = reader.sha256();
            assertThat(info.path("traffic").path("records").asLong()).isEqualTo(reader.records());
        }
        assertThat(info.path("traffic").path("sha256").asText()).isEqualTo(trailerSha);
        assertThat(info.path("traffic").path("source").asText()).isEqualTo("file:" + traffic);
        assertThat(info.path("command").asText()).contains("--traffic " + traffic);
    }

    @Test
    void aDamagedTrafficFileStopsTheRunBeforeAnythingIsSent() throws IOException {
        Path traffic = tmp.resolve("t.jsonl");
        RunCommandTest.shadowgate("synth", DEMO.toString(), "--duration", "1s", "--out", traffic.toString());
        Files.writeString(traffic, Files.readString(traffic).replaceFirst("\"offsetMicros\":0,", "\"offsetMicros\":1,"));

        Result r = RunCommandTest.shadowgate("run", DEMO.toString(), "--traffic", traffic.toString(), "--out", tmp.resolve("o").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + traffic + ": record ").contains("SHA-256").contains("changed or damaged");
        assertThat(tmp.resolve("o")).doesNotExist();

        Result skipped = RunCommandTest.shadowgate("run", DEMO.toString(), "--traffic", traffic.toString(),
                "--skip-bad-records", "--out", tmp.resolve("s").toString());
        assertThat(skipped.exit()).as(skipped.err()).isIn(ExitCode.GO, ExitCode.INCONCLUSIVE);
        JsonNode problems = new ObjectMapper().readTree(tmp.resolve("s").resolve("verdict.json").toFile())
                .path("info").path("traffic").path("problems");
        assertThat(problems.get(0).asText()).contains("does not match");
    }
}
