package io.shadowgate.report;

import io.shadowgate.judge.CapacityCurve;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.Knee;
import io.shadowgate.metrics.TargetSummary;
import java.util.List;

/** Capacity mode in the report: each version's knee per budget in a table, then both versions' curves. Stateless. */
final class HtmlCapacity {

    private HtmlCapacity() {
    }

    static Html.Safe render(List<CapacityCurves> budgets, List<TargetSummary> targets) {
        String baseline = targets.isEmpty() ? "baseline" : targets.get(0).target();
        String candidate = targets.size() < 2 ? "candidate" : targets.get(1).target();
        HtmlTable table = new HtmlTable("knees").text("Budget").text("Version").text("Knee").text("Note");
        for (CapacityCurves budget : budgets) {
            for (CapacityCurve curve : List.of(budget.baseline(), budget.candidate())) {
                Knee knee = curve.knee();
                table.row(budget.budget().name() + " ≤ " + budget.budget().limitText(),
                        curve.version().equals("baseline") ? baseline : candidate, knee.statement(), knee.note());
            }
        }
        return Html.join(table.render(), SvgCapacityCurves.render(budgets, baseline, candidate));
    }
}
