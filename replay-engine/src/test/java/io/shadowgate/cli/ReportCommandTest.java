package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.report.ReportWriter;
import io.shadowgate.report.ReportWriters;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.VerdictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shadowgate report RESULT_DIR}, in-process, on the stored run of the report tests (the
 * verdict.json golden file): outputs identical to rendering directly, and bad input named.
 */
class ReportCommandTest {

    private static final String STORED = "/report/verdict-golden.json";

    @TempDir
    Path tmp;

    Path run;

    @BeforeEach
    void storeARun() throws IOException {
        run = tmp.resolve("reports/rollback/20240501T120000Z");
        Files.createDirectories(run);
        try (InputStream in = ReportCommandTest.class.getResourceAsStream(STORED)) {
            assertThat(in).as(STORED).isNotNull();
            Files.copy(in, run.resolve("verdict.json"));
        }
    }

    /**
     * {@code shadowgate ARGS} with Main's own error handling. Until Main lists {@code report}
     * among its subcommands it is added here; then this is {@link RunCommandTest#shadowgate}.
     */
    static RunCommandTest.Result shadowgate(String... args) {
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("report")) {
            cl.addSubcommand(new ReportCommand());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new RunCommandTest.Result(exit, out.toString(), err.toString());
    }

    @Test
    void reRendersEveryOutputButVerdictJsonByteForByte() throws IOException {
        Path out = tmp.resolve("again");
        byte[] verdictBefore = Files.readAllBytes(run.resolve("verdict.json"));

        RunCommandTest.Result r = shadowgate("report", run.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).containsExactly(out.resolve("index.html").toString(),
                out.resolve("junit.xml").toString(), out.resolve("summary.md").toString());
        assertThat(out.resolve("verdict.json")).doesNotExist();
        Path direct = tmp.resolve("direct");
        RunResult stored = VerdictJson.read(run.resolve("verdict.json"));
        for (ReportWriter writer : ReportWriters.rendered()) {
            Path expected = writer.write(stored, direct);
            assertThat(Files.readAllBytes(out.resolve(expected.getFileName()))).as(expected.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(expected));
        }
        assertThat(Files.readAllBytes(run.resolve("verdict.json"))).isEqualTo(verdictBefore);
    }

    @Test
    void withoutOutTheReportsGoBesideTheVerdict() throws IOException {
        RunCommandTest.Result r = shadowgate("report", run.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(run.resolve("junit.xml").toString());
        assertThat(run.resolve("index.html")).isRegularFile();
        assertThat(run.resolve("junit.xml")).isRegularFile();
        assertThat(Files.readString(run.resolve("summary.md"), StandardCharsets.UTF_8)).startsWith("## NO_GO: ");
    }

    @Test
    void theVerdictJsonFileItselfIsAcceptedToo() {
        RunCommandTest.Result r = shadowgate("report", run.resolve("verdict.json").toString(), "--out",
                tmp.resolve("from-file").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("from-file/summary.md")).isRegularFile();
    }

    @Test
    void aMissingDirectoryIsBadInputNamingIt() {
        Path missing = tmp.resolve("no-such-run");

        assertBadInput(shadowgate("report", missing.toString()), missing + ": no such directory; expected the result "
                + "directory of a run (where 'shadowgate run' wrote verdict.json)");
    }

    @Test
    void aDirectoryWithoutVerdictJsonIsBadInputNamingTheFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertBadInput(shadowgate("report", empty.toString()), empty.resolve("verdict.json")
                + ": not found; expected the verdict.json that 'shadowgate run' writes into its result directory");
    }

    @Test
    void invalidJsonIsBadInputNamingTheFile() throws IOException {
        Files.writeString(run.resolve("verdict.json"), "{\"schemaVersion\": 1, \"info\": {");

        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json") + ": not valid JSON: ");
    }

    @Test
    void anUnknownSchemaVersionIsBadInputSayingWhichAreRead() throws IOException {
        String stored = Files.readString(run.resolve("verdict.json"));
        Files.writeString(run.resolve("verdict.json"), stored.replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));

        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json")
                + ": schemaVersion 99 is not supported; this version of Shadowgate reads 1 to " + RunResult.SCHEMA_VERSION);
    }

    @Test
    void aFileThatIsNotAStoredResultIsBadInput() throws IOException {
        Files.writeString(run.resolve("verdict.json"), "[1, 2, 3]\n");
        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json")
                + ": schemaVersion is missing; expected " + RunResult.SCHEMA_VERSION);

        Files.writeString(run.resolve("verdict.json"), "{\"schemaVersion\": 1}\n");
        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json") + ": at /");

        Files.writeString(run.resolve("verdict.json"), "");
        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json") + ": ");
    }

    @Test
    void aResultWithoutInfoOrVerdictIsBadInput() throws IOException {
        String stored = Files.readString(run.resolve("verdict.json"));
        int info = stored.indexOf("\"info\" : {");
        int verdict = stored.indexOf("\"verdict\" : {");
        assertThat(info).isPositive();
        assertThat(verdict).isGreaterThan(info);
        Files.writeString(run.resolve("verdict.json"), stored.substring(0, info) + "\"info\" : null,\n  "
                + stored.substring(verdict));

        assertBadInput(shadowgate("report", run.toString()), run.resolve("verdict.json") + ": info is null; expected");
    }

    @Test
    void anOutputDirectoryThatCannotBeMadeIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");

        RunCommandTest.Result r = shadowgate("report", run.toString(), "--out", file.resolve("sub").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("shadowgate: cannot write the reports into " + file.resolve("sub") + ": ")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpNamesTheExitCodes() {
        RunCommandTest.Result r = shadowgate("report", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("RESULT_DIR").contains("--out").contains("65");
    }

    private static void assertBadInput(RunCommandTest.Result r, String message) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("shadowgate: " + message);
        assertThat(r.err().lines().count()).as("one line, no stack trace: " + r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
