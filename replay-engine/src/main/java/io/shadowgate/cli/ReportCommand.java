package io.shadowgate.cli;

import io.shadowgate.report.ReportWriters;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.VerdictJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shadowgate report RESULT_DIR}: renders a run's reports again from its stored
 * {@code verdict.json}, without replaying: after an upgrade of the report formats, or to put
 * them somewhere else. Every output but {@code verdict.json} itself is written.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Render a run's reports (index.html, junit.xml, summary.md) again from the verdict.json in its "
                + "result directory, without replaying. Prints the files written.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the reports were written",
            "64:usage error, or the reports cannot be written where asked",
            "65:RESULT_DIR or its verdict.json is missing, unreadable, not a stored result, or of a schema version "
                + "this Shadowgate does not read"})
final class ReportCommand implements Callable<Integer> {

    private static final int WRITTEN = 0;

    @Parameters(index = "0", paramLabel = "RESULT_DIR",
            description = "Result directory of a run, holding verdict.json (or the verdict.json file itself).")
    Path resultDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the reports here instead of into RESULT_DIR.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        boolean givenTheFile = Files.isRegularFile(resultDir);
        Path file = givenTheFile ? resultDir : resultDir.resolve(VerdictJson.FILE_NAME);
        RunResult result = read(resultDir, file);
        Path dir = out != null ? out : givenTheFile ? file.toAbsolutePath().getParent() : resultDir;
        List<Path> written;
        try {
            written = ReportWriters.renderAll(result, dir);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot write the reports into " + dir + ": "
                    + describe(e) + (out == null ? "; write them elsewhere with --out DIR" : ""), e);
        }
        PrintWriter printed = spec.commandLine().getOut();
        written.forEach(printed::println);
        printed.flush();
        return WRITTEN;
    }

    /** The stored result, or a message that names the file and says what was expected of it. */
    static RunResult read(Path resultDir, Path file) throws BadInputException {
        if (!Files.exists(resultDir)) {
            throw new BadInputException(resultDir + ": no such directory; expected the result directory of a run "
                    + "(where 'shadowgate run' wrote " + VerdictJson.FILE_NAME + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not found; expected the " + VerdictJson.FILE_NAME
                    + " that 'shadowgate run' writes into its result directory");
        }
        RunResult result;
        try {
            result = VerdictJson.read(file);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            // VerdictJson's own messages name the file and what it expected; the JDK's name only the file.
            throw new BadInputException(message.startsWith(file.toString()) && !message.equals(file.toString())
                    ? message : e instanceof FileSystemException ? "cannot read " + describe(e)
                    : file + ": cannot be read: " + describe(e));
        }
        if (result.info() == null || result.verdict() == null) {
            throw new BadInputException(file + ": " + (result.info() == null ? "info" : "verdict")
                    + " is null; expected the run's identity (info) and its verdict, as 'shadowgate run' writes them");
        }
        return result;
    }

    /** An I/O failure in words: what the JDK's file exceptions carry is a path and, at most, a reason. */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() + ": " + what;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
