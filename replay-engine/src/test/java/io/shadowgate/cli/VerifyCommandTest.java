package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.report.RunResult;
import io.shadowgate.report.RunResultFixture;
import io.shadowgate.report.TargetIdentity;
import io.shadowgate.report.TargetIdentity.ObservedVersion;
import io.shadowgate.report.VerdictJsonWriter;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileWriter;
import io.shadowgate.traffic.TrafficHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shadowgate verify}: a rollback step's check that its candidate was pre-authorized. */
class VerifyCommandTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path tmp;

    @Test
    void aGenuineGoForTheVersionIsPreAuthorizedWithOneLine() throws IOException {
        Path file = write(RunResultFixture.go());

        RunCommandTest.Result r = verify(file.toString(), "--candidate-version", "2.3.1", "--baseline-version", "2.4.0");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.GO);
        assertThat(r.out()).startsWith("pre-authorized: " + file + " is an unmodified GO for candidate 2.3.1 against "
                + "baseline 2.4.0 (scenario rollback 2.4.0 -> 2.3.1, traffic file:captures/prod.jsonl.gz sha256:cdcd")
                .hasLineCount(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theResultDirectoryWillDoForTheFile() throws IOException {
        Path file = write(RunResultFixture.go());

        assertThat(verify(file.getParent().toString(), "--candidate-version", "2.3.1").exit()).isEqualTo(ExitCode.GO);
    }

    @Test
    void aNoGoIsRefusedWithItsDecisionNamed() throws IOException {
        Path noGo = write(RunResultFixture.noGo());

        RunCommandTest.Result r = verify(noGo.toString(), "--candidate-version", "model-v40 <rollback>");

        assertThat(r.exit()).isEqualTo(VerifyCommand.NOT_PRE_AUTHORIZED);
        assertThat(r.out()).startsWith("NOT pre-authorized: " + noGo + " does not pre-authorize candidate "
                + "model-v40 <rollback>:").contains("  - the decision is NO_GO, not GO");
    }

    @Test
    void anotherCandidateOrBaselineVersionIsRefused() throws IOException {
        Path file = write(RunResultFixture.go());

        RunCommandTest.Result candidate = verify(file.toString(), "--candidate-version", "2.3.2");
        RunCommandTest.Result baseline = verify(file.toString(), "--candidate-version", "2.3.1",
                "--baseline-version", "2.4.1");

        assertThat(candidate.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(candidate.out()).contains("  - candidate version is 2.3.1, not 2.3.2")
                .contains("  - candidate reported 2.3.1 in 100% of 975 responses (header X-Model-Version), not only 2.3.2");
        assertThat(baseline.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(baseline.out()).contains("  - baseline version is 2.4.0, not 2.4.1");
    }

    @Test
    void aPartialRunIsRefused() throws IOException {
        Path file = write(RunResultFixture.partial(RunResultFixture.go()));

        RunCommandTest.Result r = verify(file.toString(), "--candidate-version", "2.3.1");

        assertThat(r.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("  - the run was partial");
    }

    @Test
    void aFileWithOneChangedNumberIsRefusedAsModified() throws IOException {
        Path file = write(RunResultFixture.go());
        String text = Files.readString(file);
        String tampered = text.replaceFirst("\"estimate\" : -0.006,", "\"estimate\" : -0.007,");
        assertThat(tampered).isNotEqualTo(text);
        Files.writeString(file, tampered);

        RunCommandTest.Result r = verify(file.toString(), "--candidate-version", "2.3.1");

        assertThat(r.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("  - it was modified after it was written: its seal says ");
    }

    @Test
    void aNoGoEditedIntoAGoIsRefused() throws IOException {
        RunResult go = RunResultFixture.go();
        Path file = write(new RunResult(go.schemaVersion(), go.info(),
                new io.shadowgate.judge.Verdict(io.shadowgate.judge.Decision.NO_GO, go.verdict().gates(),
                        List.of("p99 rose")), go.targets()));
        Files.writeString(file, Files.readString(file).replace("\"decision\" : \"NO_GO\"", "\"decision\" : \"GO\""));

        RunCommandTest.Result r = verify(file.toString(), "--candidate-version", "2.3.1");

        assertThat(r.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("modified after it was written").doesNotContain("the decision is");
    }

    @Test
    void aFileWithoutASealIsRefused() throws IOException {
        Path file = write(RunResultFixture.go());
        String text = Files.readString(file);
        int seal = text.indexOf(",\n  \"seal\" : {");
        assertThat(seal).isPositive();
        Files.writeString(file, text.substring(0, seal) + "\n}\n");

        RunCommandTest.Result r = verify(file.toString(), "--candidate-version", "2.3.1");

        assertThat(r.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(r.out()).contains("  - it has no seal");
    }

    @Test
    void aCandidateThatReportedAnotherVersionIsNotPreAuthorizedForEither() throws IOException {
        TargetIdentity contradicted = new TargetIdentity("2.3.1", "header X-Model-Version", 500,
                List.of(new ObservedVersion("2.3.0", 500)), 0, 0);
        Path file = write(RunResultFixture.go(contradicted));

        RunCommandTest.Result configured = verify(file.toString(), "--candidate-version", "2.3.1");
        RunCommandTest.Result reported = verify(file.toString(), "--candidate-version", "2.3.0");

        assertThat(configured.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(configured.out())
                .contains("  - candidate reported 2.3.0 in 100% of 500 responses (header X-Model-Version), not only 2.3.1");
        assertThat(reported.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(reported.out()).contains("  - candidate version is 2.3.1, not 2.3.0");
    }

    @Test
    void aCandidateThatReportedMixedOrNoVersionsIsRefused() throws IOException {
        Path mixed = write(RunResultFixture.go(new TargetIdentity("2.3.1", "header X-Model-Version", 500,
                List.of(new ObservedVersion("2.3.1", 499), new ObservedVersion("2.3.0", 1)), 0, 0)), "mixed");
        Path silent = write(RunResultFixture.go(new TargetIdentity("2.3.1", "field $.modelVersion", 500,
                List.of(), 0, 500)), "silent");
        Path observedOnly = write(RunResultFixture.go(new TargetIdentity(null, "field $.modelVersion", 500,
                List.of(new ObservedVersion("2.3.1", 480)), 0, 20)), "observed-only");

        assertThat(verify(mixed.toString(), "--candidate-version", "2.3.1").out())
                .contains("candidate reported 2.3.1 in 99.8%, 2.3.0 in 0.200% of 500 responses");
        assertThat(verify(silent.toString(), "--candidate-version", "2.3.1").out())
                .contains("candidate reported no version in 500 responses (field $.modelVersion)");
        // No configured version, but every version reported is the one asked for (some answers carried none).
        assertThat(verify(observedOnly.toString(), "--candidate-version", "2.3.1").exit()).isEqualTo(ExitCode.GO);
    }

    @Test
    void withTrafficTheRunMustHaveReplayedThatVeryFile() throws IOException {
        Path replayed = tmp.resolve("replayed.jsonl");
        Path other = tmp.resolve("other.jsonl");
        String sha = traffic(replayed, "/v1/predict");
        traffic(other, "/v1/other");
        Path file = write(RunResultFixture.go(RunResultFixture.go().info().targetIdentities().get("candidate"), sha));

        RunCommandTest.Result same = verify(file.toString(), "--candidate-version", "2.3.1", "--traffic", replayed.toString());
        RunCommandTest.Result different = verify(file.toString(), "--candidate-version", "2.3.1", "--traffic", other.toString());
        // A name that tells no format: the verdict's own (a traffic file) is used.
        Path renamed = Files.copy(replayed, tmp.resolve("replayed.bin"));
        RunCommandTest.Result byVerdictFormat = verify(file.toString(), "--candidate-version", "2.3.1",
                "--traffic", renamed.toString());

        assertThat(same.exit()).as(same.out() + same.err()).isEqualTo(ExitCode.GO);
        assertThat(same.out()).contains("= " + replayed);
        assertThat(different.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(different.out()).contains("  - the run replayed other traffic: file:captures/prod.jsonl.gz sha256:"
                + sha.substring(0, 12) + ", while " + other + " is sha256:");
        assertThat(byVerdictFormat.exit()).as(byVerdictFormat.out() + byVerdictFormat.err()).isEqualTo(ExitCode.GO);
    }

    @Test
    void aMissingOrUnreadableFileIsBadInputNamingIt() throws IOException {
        Path missing = tmp.resolve("nowhere/verdict.json");
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "{\"schemaVersion\": 1, ");
        Path file = write(RunResultFixture.go());

        RunCommandTest.Result none = verify(missing.toString(), "--candidate-version", "2.3.1");
        RunCommandTest.Result notJson = verify(garbage.toString(), "--candidate-version", "2.3.1");
        RunCommandTest.Result noTraffic = verify(file.toString(), "--candidate-version", "2.3.1",
                "--traffic", tmp.resolve("missing.jsonl").toString());

        assertThat(none.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(none.err()).contains(missing.toString()).contains("no such file");
        assertThat(notJson.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notJson.err()).contains(garbage.toString()).contains("not a verdict");
        assertThat(noTraffic.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noTraffic.err()).contains("missing.jsonl");
    }

    @Test
    void theCandidateVersionIsRequired() throws IOException {
        Path file = write(RunResultFixture.go());

        RunCommandTest.Result r = verify(file.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--candidate-version");
    }

    @Test
    void aRealRunPreAuthorizesItsCandidateAndNothingElse() throws IOException {
        Path out = tmp.resolve("rollback");
        RunCommandTest.Result run = RunCommandTest.shadowgate("run", SCENARIOS.resolve("demo-rollback.yaml").toString(),
                "--duration", "3s", "--out", out.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.GO);

        RunCommandTest.Result candidate = verify(out.toString(), "--candidate-version", "2.3.1",
                "--baseline-version", "2.4.0");
        RunCommandTest.Result baseline = verify(out.toString(), "--candidate-version", "2.4.0");

        assertThat(candidate.exit()).as(candidate.out() + candidate.err()).isEqualTo(ExitCode.GO);
        assertThat(baseline.exit()).isEqualTo(ExitCode.NO_GO);
        assertThat(baseline.out()).contains("candidate version is 2.3.1, not 2.4.0");
    }

    /** {@code shadowgate verify ARGS} in-process, whether or not Main lists the command yet. */
    private static RunCommandTest.Result verify(String... args) {
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("verify")) {
            cl.addSubcommand("verify", new VerifyCommand());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new RunCommandTest.Result(exit, out.toString(), err.toString());
    }

    private Path write(RunResult result) throws IOException {
        return write(result, "run");
    }

    private Path write(RunResult result, String dir) throws IOException {
        return new VerdictJsonWriter().write(result, tmp.resolve(dir));
    }

    /** Writes a 20-request traffic file and returns the SHA-256 its trailer carries (what a run records). */
    private String traffic(Path file, String path) throws IOException {
        try (TrafficFileWriter writer = TrafficFileWriter.create(file, TrafficHeader.of("test", TrafficHeader.Redaction.NONE))) {
            for (int i = 0; i < 20; i++) {
                writer.write(new Request(i, i * 1000L, "predict", "POST", path,
                        List.of(new Header("content-type", "application/json")),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            writer.close();
            return writer.sha256();
        }
    }
}
