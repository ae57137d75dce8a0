package io.shadowgate.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every output a run writes into its result directory, one {@link ReportWriter} each:
 * {@code verdict.json} first (the record the others are rendered from), then
 * {@code index.html}, {@code junit.xml} and {@code summary.md}. The writers are stateless, so
 * these instances are shared.
 */
public final class ReportWriters {

    private static final List<ReportWriter> ALL = List.of(
            new VerdictJsonWriter(),
            new HtmlReportWriter(),
            new JUnitXmlWriter(),
            new SummaryMarkdownWriter());

    private ReportWriters() {
    }

    /** Every writer, {@code verdict.json}'s first. */
    public static List<ReportWriter> all() {
        return ALL;
    }

    /** Every writer but {@code verdict.json}'s: what can be rendered again from a stored result. */
    public static List<ReportWriter> rendered() {
        return ALL.subList(1, ALL.size());
    }

    /**
     * Writes every output of {@code result} into {@code dir}; returns the files written, in order.
     * The others are rendered from the {@code verdict.json} just written, as {@code shadowgate
     * report} would render them, so the two always agree byte for byte.
     */
    public static List<Path> writeAll(RunResult result, Path dir) throws IOException {
        Path verdict = ALL.get(0).write(result, dir);
        List<Path> written = new ArrayList<>(List.of(verdict));
        written.addAll(renderAll(VerdictJson.read(verdict), dir));
        return written;
    }

    /** Writes every output but {@code verdict.json} into {@code dir}, as {@code shadowgate report} does. */
    public static List<Path> renderAll(RunResult result, Path dir) throws IOException {
        return write(rendered(), result, dir);
    }

    /**
     * Runs each writer even when one before it fails, so that one unwritable format does not
     * cost CI the others; then throws the first failure, the later ones suppressed in it.
     */
    private static List<Path> write(List<ReportWriter> writers, RunResult result, Path dir) throws IOException {
        List<Path> written = new ArrayList<>(writers.size());
        IOException failed = null;
        for (ReportWriter writer : writers) {
            try {
                written.add(writer.write(result, dir));
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return written;
    }
}
