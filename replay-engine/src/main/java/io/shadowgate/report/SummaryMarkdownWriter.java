package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.CELL_CHARS;
import static io.shadowgate.report.MarkdownText.inline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code summary.md}: the run in a page of GitHub-flavoured Markdown, for CI job
 * summaries ({@code cat summary.md >> "$GITHUB_STEP_SUMMARY"}). It has the verdict, the
 * deciding reasons, the gates (NO_GO first), outcome counts per target and whether they add up,
 * the top differing response paths and contract changes, the run's identity and the command
 * that reproduces it.
 *
 * <p>Text from the run is escaped so it stays text: Markdown and HTML specials are
 * backslash-escaped, line breaks become spaces (a table row stays one row), invisible
 * bidirectional controls are shown ({@link ReportText}), and a text that would start a block
 * (a list, a heading) cannot. The file stays under {@value #MAX_BYTES} bytes, below GitHub's
 * 1 MiB limit for a step summary, whatever the result holds: long tables end in a
 * "… N more, see verdict.json" line and long texts are cut. Stateless and thread-safe.
 */
public final class SummaryMarkdownWriter implements ReportWriter {

    /** The file name of the Markdown summary in a result directory. */
    public static final String FILE_NAME = "summary.md";

    /** The most bytes the file holds; GitHub rejects a step summary over 1 MiB (1,048,576 bytes). */
    static final int MAX_BYTES = 1_000_000;

    static final int REASONS_SHOWN = 10;
    static final int GATE_ROWS = 100;
    static final int TARGET_ROWS = 20;
    static final int PATH_ROWS = 10;
    static final int CONTRACT_ROWS = 20;

    /** Code points kept of a list item and of the reproduce command (a table cell: {@link MarkdownText#CELL_CHARS}). */
    static final int LINE_CHARS = 500;
    static final int COMMAND_CHARS = 4000;

    /** Room kept at the end of the body for its cut note. */
    private static final int CUT_NOTE_BYTES = 200;

    @Override
    public Path write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
        return file;
    }

    /** The whole summary. */
    static String render(RunResult result) {
        return render(result, MAX_BYTES);
    }

    /** The whole summary in at most {@code maxBytes} of UTF-8 (when the run's identity alone fits in them). */
    static String render(RunResult result, long maxBytes) {
        // The identity and the reproduce command are small and bounded, and must survive any
        // amount of evidence: they are set aside first, the evidence fills what is left.
        String tail = MarkdownIdentity.render(result) + MarkdownIdentity.reproduce(result) + footer(result);
        MarkdownPage body = new MarkdownPage(maxBytes - ReportText.utf8Length(tail) - CUT_NOTE_BYTES);
        MarkdownVerdict.verdict(body, result);
        MarkdownRollout.render(body, result.rollout());
        MarkdownVerdict.gates(body, result.verdict());
        MarkdownCapacity.render(body, result.capacity());
        MarkdownOutcomes.render(body, result.targets(), result.pace());
        MarkdownResponses.render(body, result.responses());
        if (body.cut) {
            body.text.append("\n… the summary stops here at its size limit; see verdict.json or index.html.\n");
        }
        return body.text.append(tail).toString();
    }

    private static String footer(RunResult result) {
        String version = result.info() == null ? null : result.info().toolVersion();
        return "\nThe evidence in full: index.html; for machines: verdict.json (schema version " + result.schemaVersion()
                + ") and junit.xml. Rendered by Shadowgate " + inline(version, CELL_CHARS) + ".\n";
    }
}
