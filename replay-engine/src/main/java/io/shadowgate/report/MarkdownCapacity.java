package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.SummaryMarkdownWriter.TARGET_ROWS;

import io.shadowgate.judge.CapacityCurve;
import io.shadowgate.judge.CapacityCurves;
import java.util.ArrayList;
import java.util.List;

/** Capacity mode in the summary: each version's knee per budget in a table. Stateless. */
final class MarkdownCapacity {

    private MarkdownCapacity() {
    }

    /** Each version's knee per budget. */
    static void render(MarkdownPage md, List<CapacityCurves> capacity) {
        if (capacity == null) {
            return;
        }
        md.line("");
        md.line("### Capacity knees");
        md.line("");
        List<String[]> rows = new ArrayList<>();
        for (CapacityCurves budget : capacity) {
            for (CapacityCurve curve : List.of(budget.baseline(), budget.candidate())) {
                rows.add(new String[] {budget.budget().name() + " <= " + budget.budget().limitText(), curve.version(),
                        curve.knee().statement()});
            }
        }
        md.table(List.of("Budget", "Version", "Knee"), "---,---,---", rows.size(), TARGET_ROWS,
                i -> List.of(cell(rows.get(i)[0]), cell(rows.get(i)[1]), cell(rows.get(i)[2])));
    }
}
