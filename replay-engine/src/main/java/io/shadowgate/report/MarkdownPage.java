package io.shadowgate.report;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The summary's body as it is built, and how many bytes it may still take. Once a line does
 * not fit, the body is cut: nothing more is added and the summary says so.
 */
final class MarkdownPage {

    /** Room kept at the end of every table for its "… N more" line. */
    private static final int MORE_LINE_BYTES = 100;

    final StringBuilder text = new StringBuilder(16 * 1024);
    private final long limit;
    private long bytes;
    boolean cut;

    MarkdownPage(long limit) {
        this.limit = limit;
    }

    void line(String line) {
        add(line + "\n", 0);
    }

    /**
     * A GFM table of at most {@code maxRows} of {@code rows} rows (cells already escaped), ended
     * by a "… N more" line when rows are left out, for the row cap or for the size limit.
     */
    void table(List<String> header, String alignment, int rows, int maxRows, IntFunction<List<String>> row) {
        if (!add(row(header) + "| " + String.join(" | ", alignment.split(",")) + " |\n", MORE_LINE_BYTES)) {
            cut = true;
            return;
        }
        for (int i = 0; i < rows; i++) {
            if (i == maxRows || !add(row(row.apply(i)), MORE_LINE_BYTES)) {
                add("\n… " + ReportNumbers.count(rows - i) + " more, see verdict.json\n", 0);
                return;
            }
        }
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** Appends {@code s} if it fits with {@code reserve} bytes to spare; else cuts the body here. */
    private boolean add(String s, long reserve) {
        if (cut) {
            return false;
        }
        long size = ReportText.utf8Length(s);
        if (bytes + size + reserve > limit) {
            cut = reserve == 0;
            return false;
        }
        text.append(s);
        bytes += size;
        return true;
    }
}
