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
        for (int i = 0; i < windows.size(); i++) {
            for (GateResult g : windows.get(i).gates()) {
                svg.append(String.format(Locale.ROOT,
                                "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"><title>",
                                LABEL + i * cell, rows.get(g.gate()) * ROW + 2, Math.max(cell - 1, 0.5), ROW - 4,
                                FILL.get(g.decision())))
                        .append(Html.escape(g.scope() + ": " + g.decision() + " — " + g.reason()))
                        .append("</title></rect>\n");
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
