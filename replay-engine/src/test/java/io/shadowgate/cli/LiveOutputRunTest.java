package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run shows while it lasts, end to end: the metrics endpoint scraped mid-run, and the .hlog files it leaves. */
class LiveOutputRunTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final Pattern URL = Pattern.compile("shadowgate: live metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)\n");

    @TempDir
    Path tmp;

    private static long hlogCount(Path file) throws Exception {
        Histogram sum = new Histogram(3);
        try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                sum.add((Histogram) h);
            }
        }
        return sum.getTotalCount();
    }

    @Test
    void theEndpointIsScrapedDuringTheRunAndTheIntervalLogsHoldEveryLatency() throws Exception {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(new PrintWriter(new StringWriter()),
                new PrintWriter(err), "run", SCENARIOS.resolve("demo-rollback.yaml").toString(), "--duration", "4s",
                "--out", out.toString(), "--metrics-port", "0", "--no-warmup"));
        Matcher url = URL.matcher("");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!url.reset(err.toString()).find()) {
            assertThat(System.nanoTime()).as("no metrics URL on stderr: " + err).isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(1_500);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        int exit = run.get(60, TimeUnit.SECONDS);

        assertThat(exit).as(err.toString()).isIn(ExitCode.GO, ExitCode.NO_GO, ExitCode.INCONCLUSIVE);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("shadowgate_requests_in_flight{target=\"candidate\"} ")
                .containsPattern("\nshadowgate_requests_scheduled_total [1-9]\\d*\n");
        // Besides plain progress lines (one every 10 s, if a loaded machine makes the run last that long), the URL line only.
        assertThat(err.toString().lines().filter(l -> !l.startsWith("progress "))).containsExactly(url.group(0).strip());
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        for (JsonNode target : verdict.path("targets")) {
            String role = target.path("target").asText();
            assertThat(hlogCount(out.resolve(role + ".hlog"))).as(role).isEqualTo(target.path("latency").path("count").asLong())
                    .isPositive();
        }
    }

    @Test
    void quietShowsNothingAndStillWritesTheIntervalLogs() throws Exception {
        Path out = tmp.resolve("quiet");
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run",
                SCENARIOS.resolve("demo-rollback.yaml").toString(), "--duration", "2s", "--out", out.toString(),
                "--metrics-port", "0", "--quiet", "--no-warmup");

        assertThat(exit).as(err.toString()).isIn(ExitCode.GO, ExitCode.NO_GO, ExitCode.INCONCLUSIVE);
        assertThat(err.toString()).isEmpty();
        assertThat(out.resolve("baseline.hlog")).isNotEmptyFile();
        assertThat(out.resolve("candidate.hlog")).isNotEmptyFile();
    }

    @Test
    void aBadMetricsPortIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run",
                SCENARIOS.resolve("demo-rollback.yaml").toString(), "--metrics-port", "70000");

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("shadowgate: --metrics-port must be between 0 (any free port) and 65535");
    }
}
