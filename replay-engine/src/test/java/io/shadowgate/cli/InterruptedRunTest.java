package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGTERM here) in the middle of a run: the reports are still written, marked partial,
 * the summary printed, and the exit code is the verdict's.
 */
class InterruptedRunTest {

    @TempDir
    Path tmp;

    @Test
    void anInterruptedRunWritesWhatItHasMarkedPartialAndNeverGo() throws Exception {
        Path out = tmp.resolve("partial");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", Path.of("..", "scenarios", "demo-rollback.yaml").toString(),
                "--duration", "60s", "--no-warmup", "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.txt").toFile());
        Process process = builder.start();
        try {
            // Wait until traffic flows (the baseline's interval log has intervals), however loaded
            // the machine: by then the interrupt handler is in place.
            Path log = out.resolve("baseline.hlog");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (intervals(log) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(intervals(log)).as("intervals logged before the signal").isGreaterThanOrEqualTo(2);
            assertThat(process.isAlive()).as("the run should still be going").isTrue();
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the run should end soon after the signal").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(tmp.resolve("output.txt"));
        assertThat(output).doesNotContain("Exception");
        // The verdict's exit code, not the JVM's 143, and the summary printed before exiting.
        String decision = new ObjectMapper().readTree(out.resolve("verdict.json").toFile()).path("verdict")
                .path("decision").asText();
        assertThat(process.exitValue()).isEqualTo("NO_GO".equals(decision) ? ExitCode.NO_GO : ExitCode.INCONCLUSIVE);
        assertThat(output).contains("(partial: interrupted)").contains("report: ");

        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(verdict.path("info").path("partial").asBoolean()).isTrue();
        assertThat(verdict.path("verdict").path("decision").asText()).isNotEqualTo("GO");
        for (JsonNode target : verdict.path("targets")) {
            JsonNode counts = target.path("counts");
            // 60 s at 400/s was scheduled; only the first few seconds were sent.
            assertThat(counts.path("scheduled").asLong()).isGreaterThan(20_000L);
            assertThat(counts.path("notSent").asLong()).isGreaterThan(15_000L);
            assertThat(counts.path("status2xx").asLong()).isGreaterThan(50L);
            assertThat(counts.path("addsUp").asBoolean()).isTrue();
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("PARTIAL");
    }

    /** Interval lines in an .hlog (they start with the interval's start time), 0 while there is no file. */
    private static long intervals(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).count();
    }
}
