package io.shadowgate.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One HTML table, built column by column and then row by row. A {@code String} cell is
 * escaped; an {@link Html.Safe} cell is emitted as it is. Numeric columns are right-aligned
 * so that digits line up.
 */
final class HtmlTable {

    private final String cssClass;
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();
    private final StringBuilder rows = new StringBuilder();

    HtmlTable(String cssClass) {
        this.cssClass = cssClass;
    }

    /** Adds a text column. */
    HtmlTable text(String header) {
        headers.add(header);
        numeric.add(false);
        return this;
    }

    /** Adds a right-aligned numeric column. */
    HtmlTable num(String header) {
        headers.add(header);
        numeric.add(true);
        return this;
    }

    /** Adds a row; there must be one cell per column. */
    HtmlTable row(Object... cells) {
        return classedRow(null, cells);
    }

    /** Adds a row with a CSS class (a constant of this package), e.g. to colour it. */
    HtmlTable classedRow(String rowClass, Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells; the table has "
                    + headers.size() + " columns");
        }
        rows.append(rowClass == null ? "<tr>" : "<tr class=\"" + Html.escape(rowClass) + "\">");
        for (int i = 0; i < cells.length; i++) {
            rows.append(numeric.get(i) ? "<td class=\"num\">" : "<td>").append(cell(cells[i])).append("</td>");
        }
        rows.append("</tr>\n");
        return this;
    }

    Html.Safe render() {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"")
                .append(Html.escape(cssClass)).append("\">\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            out.append(numeric.get(i) ? "<th class=\"num\">" : "<th>").append(Html.escape(headers.get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n").append(rows).append("</tbody>\n</table></div>\n");
        return Html.raw(out.toString());
    }

    private static String cell(Object value) {
        if (value instanceof Html.Safe safe) {
            return safe.html();
        }
        return Html.text(value == null ? null : value.toString()).html();
    }
}
