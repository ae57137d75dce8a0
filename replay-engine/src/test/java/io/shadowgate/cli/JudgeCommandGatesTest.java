package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.cli.RunCommandTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shadowgate judge --gate}: exported latencies judged with run's gates and rule, exiting as run does. */
class JudgeCommandGatesTest {

    @TempDir
    Path tmp;

    /**
     * Writes n paired log-normal latencies (ms): the candidate is the baseline's request times
     * the {@code scale}, with its own noise, so line i of both files is the same request.
     */
    private Path[] files(int n, double scale, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("# baseline latency, ms\n");
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double request = 10 * Math.exp(0.4 * random.nextGaussian());
            b.append(String.format(Locale.ROOT, "%.4f%n", request * Math.exp(0.1 * random.nextGaussian())));
            c.append(String.format(Locale.ROOT, "%.4f%n", scale * request * Math.exp(0.1 * random.nextGaussian())));
        }
        Path base = Files.writeString(tmp.resolve("b" + seed + ".txt"), b);
        Path cand = Files.writeString(tmp.resolve("c" + seed + ".txt"), c);
        return new Path[] {base, cand};
    }

    private static Result judge(Path[] f, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "judge";
        args[1] = "--baseline=" + f[0];
        args[2] = "--candidate=" + f[1];
        args[3] = "--min-samples=500";
        System.arraycopy(more, 0, args, 4, more.length);
        return RunCommandTest.shadowgate(args);
    }

    @Test
    void theSameLatenciesAreGoAndExitZero() throws IOException {
        Result r = judge(files(5000, 1.0, 1), "--gate", "p99=+10%", "--gate", "p50=+5%", "--paired");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        assertThat(r.out()).startsWith("GO  5000 baseline and 5000 candidate values, paired")
                .contains("latency p99 increase").contains("rule: GO if the one-sided 99% upper bound");
    }

    @Test
    void aSlowerCandidateIsNoGoAndExitOne() throws IOException {
        Result r = judge(files(5000, 1.3, 2), "--gate", "p99=+10%", "--gate", "p99<=40ms");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("NO_GO        latency p99 increase");
    }

    @Test
    void tooFewValuesAreInconclusiveAndExitTwo() throws IOException {
        Result r = judge(files(100, 1.0, 3), "--gate", "p99=+10%");

        assertThat(r.exit()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(r.out()).contains("only 100 responses, at least 500 needed");
    }

    @Test
    void jsonCarriesEachGatesIntervalAndRule() throws IOException {
        Result r = judge(files(5000, 1.0, 4), "--gate", "p90=+10%", "--paired", "--json", "--confidence", "95%");

        JsonNode verdict = new ObjectMapper().readTree(r.out());
        assertThat(verdict.path("decision").asText()).isEqualTo("GO");
        JsonNode gate = verdict.path("gates").get(0);
        assertThat(gate.path("interval").path("lower").isNumber()).isTrue();
        assertThat(gate.path("interval").path("confidence").asDouble()).isEqualTo(0.95);
        assertThat(gate.path("rule").asText()).contains("paired Poisson bootstrap");
    }

    @Test
    void badGatesAndMismatchedPairsAreReported() throws IOException {
        Path[] f = files(100, 1.0, 5);
        Result bad = judge(f, "--gate", "p99 ~ 10%");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--gate 'p99 ~ 10%' is not a gate; expected pNN=+X%");

        Path shorter = Files.writeString(tmp.resolve("short.txt"), "1\n2\n");
        Result mismatched = judge(new Path[] {f[0], shorter}, "--gate", "p99=+10%", "--paired");
        assertThat(mismatched.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(mismatched.err()).contains("--paired needs as many values");
    }
}
