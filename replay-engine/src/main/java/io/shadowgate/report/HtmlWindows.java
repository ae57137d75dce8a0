package io.shadowgate.report;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.WindowVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Gates over time" section: each gate on each evaluation window alone, as a strip of
 * coloured cells (hover for the window's estimate and interval), then the windows that were
 * NO_GO, so a regression confined to part of the run shows where it began and ended. Every
 * string from the run is escaped.
 */
final class HtmlWindows {

    private static final int CELL_AREA = 900;
    private static final int LABEL = 200;
    private static final int ROW = 18;
    private static final Map<Decision, String> FILL = Map.of(
            Decision.GO, "#1a7f37", Decision.NO_GO, "#cf222e", Decision.INCONCLUSIVE, "#d4a72c");

    private HtmlWindows() {
    }

    private static GateResult gateOf(WindowVerdict w, String gate) {
        return w.gates().stream().filter(g -> g.gate().equals(gate)).findFirst().orElse(null);
    }

    /** Whether a window's gate joins the cell before it: both present, same decision, neither NO_GO (each NO_GO keeps its reason). */
    private static boolean sameCell(GateResult a, GateResult b) {
        return a != null && b != null && a.decision() == b.decision() && a.decision() != Decision.NO_GO;
    }

    static Html.Safe render(List<WindowVerdict> windows) {
        if (windows == null || windows.isEmpty()) {
            return Html.tag("p", "muted", "The run was judged as a whole only (one evaluation window, or --window 0).");
        }
        Map<String, Integer> rows = new LinkedHashMap<>();
        windows.forEach(w -> w.gates().forEach(g -> rows.putIfAbsent(g.gate(), rows.size())));
        double cell = (double) CELL_AREA / windows.size();
        int height = ROW * rows.size() + 22;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"gate decisions per evaluation window\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\">\n", LABEL + CELL_AREA + 10, height));
        rows.forEach((gate, row) -> svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">", row * ROW + 13))
                .append(Html.escape(gate)).append("</text>\n"));
        // Consecutive windows with the same decision on a gate share one cell, so a long run
        // (720 windows of a 2-hour run) stays small; a cell's title names the windows it covers.
        for (Map.Entry<String, Integer> row : rows.entrySet()) {
            int from = 0;
            while (from < windows.size()) {
                GateResult first = gateOf(windows.get(from), row.getKey());
                int to = from + 1;
                while (to < windows.size() && sameCell(first, gateOf(windows.get(to), row.getKey()))) {
                    to++;
                }
                if (first != null) {
                    String title = to - from == 1 ? first.scope() + ": " + first.decision() + " — " + first.reason()
                            : windows.get(from).startMillis() / 1000 + "-" + windows.get(to - 1).endMillis() / 1000
                                    + " s, " + (to - from) + " windows: " + first.decision();
                    svg.append(String.format(Locale.ROOT,
                                    "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"><title>",
                                    LABEL + from * cell, row.getValue() * ROW + 2, Math.max((to - from) * cell - 1, 0.5),
                                    ROW - 4, FILL.get(first.decision())))
                            .append(Html.escape(title)).append("</title></rect>\n");
                }
                from = to;
            }
        }
        WindowVerdict first = windows.get(0);
        WindowVerdict last = windows.get(windows.size() - 1);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s s</text>", LABEL, height - 4,
                        ReportNumbers.seconds(first.startMillis())))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s s</text>\n",
                        LABEL + CELL_AREA, height - 4, ReportNumbers.seconds(last.endMillis())))
                .append("</svg>");
        long noGo = windows.stream().filter(w -> w.decision() == Decision.NO_GO).count();
        return Html.join(
                Html.tag("p", "legend", windows.size() + " windows of " + ReportNumbers.seconds(first.endMillis() - first.startMillis())
                        + " s, each judged on its own traffic: green GO, amber INCONCLUSIVE, red NO_GO. "
                        + (noGo == 0 ? "No window was NO_GO." : noGo + " window(s) NO_GO, listed below.")),
                Html.wrap("figure", "chart", Html.raw(svg.toString())),
                noGo == 0 ? Html.raw("") : HtmlSections.gates(windows.stream()
                        .filter(w -> w.decision() == Decision.NO_GO)
                        .flatMap(w -> w.gates().stream()).filter(g -> g.decision() == Decision.NO_GO).toList()));
    }
}
