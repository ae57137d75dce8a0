package io.shadowgate.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The legend under one {@link SvgChart}'s plot: a sample of each line, then its text, laid
 * out left to right in rows as wide as the plot. Built by one thread, then drawn once.
 */
final class SvgLegend {

    private static final int ROW = 16;

    private final List<Entry> entries = new ArrayList<>();

    /** An entry: a sample of the line, then its text (escaped when drawn). */
    void add(String colour, boolean dashed, String text) {
        entries.add(new Entry(colour, dashed, text));
    }

    /**
     * Appends the entries to {@code out}, rows from {@code top} in a view box {@code width}
     * wide; returns the height the rows take, 0 when there are none.
     */
    int draw(StringBuilder out, int top, int width) {
        int column = PlotArea.LEFT;
        int row = 0;
        for (Entry e : entries) {
            // Text width is not known to us; 6.2 px a character at 11 px is close enough to lay out a row.
            int entryWidth = 32 + (int) Math.ceil(e.text().length() * 6.2) + 18;
            if (column > PlotArea.LEFT && column + entryWidth > width - PlotArea.RIGHT) {
                column = PlotArea.LEFT;
                row++;
            }
            int ly = top + row * ROW + 8;
            out.append(String.format(Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke-width=\"2\" stroke=\"%s\"%s/>",
                            column, ly - 4, column + 26, ly - 4, e.colour(), e.dashed() ? " stroke-dasharray=\"5 3\"" : ""))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", column + 32, ly))
                    .append(Html.escape(e.text())).append("</text>");
            column += entryWidth;
        }
        return entries.isEmpty() ? 0 : (row + 1) * ROW;
    }

    private record Entry(String colour, boolean dashed, String text) {
    }
}
