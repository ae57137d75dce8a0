package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.MarkdownText.inline;
import static io.shadowgate.report.SummaryMarkdownWriter.LINE_CHARS;
import static io.shadowgate.report.SummaryMarkdownWriter.TARGET_ROWS;

import io.shadowgate.judge.SchedulePace;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import java.util.ArrayList;
import java.util.List;

/** The summary's outcome table: how every scheduled request ended, per target. Stateless. */
final class MarkdownOutcomes {

    private MarkdownOutcomes() {
    }

    /**
     * Per target, how every scheduled request ended; then any endpoint whose counts do not add
     * up; then, if the replay fell behind its schedule, what held it back.
     */
    static void render(MarkdownPage md, List<TargetSummary> targets, SchedulePace pace) {
        md.line("");
        md.line("### Outcomes");
        md.line("");
        if (targets == null || targets.isEmpty()) {
            md.line("No target was measured.");
            return;
        }
        record Row(String where, OutcomeCounts counts) {
        }
        List<Row> rows = new ArrayList<>();
        targets.forEach(t -> rows.add(new Row(t.target(), orEmpty(t.counts()))));
        for (TargetSummary t : targets) {
            for (EndpointSummary e : t.endpoints() == null ? List.<EndpointSummary>of() : t.endpoints()) {
                if (!orEmpty(e.counts()).addsUp()) {
                    rows.add(new Row(t.target() + ": " + e.endpoint(), orEmpty(e.counts())));
                }
            }
        }
        md.table(List.of("Target", "Scheduled", "2xx", "3xx", "4xx", "5xx", "Timeouts", "Connection errors", "Not sent",
                        "Check"), "---,---:,---:,---:,---:,---:,---:,---:,---:,---",
                rows.size(), TARGET_ROWS, i -> {
                    OutcomeCounts c = rows.get(i).counts();
                    return List.of(cell(rows.get(i).where()), ReportNumbers.count(c.scheduled()),
                            ReportNumbers.count(c.status2xx()), ReportNumbers.count(c.status3xx()),
                            ReportNumbers.count(c.status4xx()), ReportNumbers.count(c.status5xx()),
                            ReportNumbers.count(c.timeouts()), ReportNumbers.count(c.connectionErrors()),
                            ReportNumbers.count(c.notSent()),
                            c.addsUp() ? "adds up" : "**does NOT add up** (" + ReportNumbers.count(c.accounted())
                                    + " outcomes for " + ReportNumbers.count(c.scheduled()) + " scheduled)");
                });
        if (pace != null && !pace.kept()) {
            md.line("");
            md.line("**Schedule not kept**: " + inline(pace.finding() == null ? "the replay fell behind its schedule."
                    : pace.finding(), LINE_CHARS));
        }
    }

    private static OutcomeCounts orEmpty(OutcomeCounts c) {
        return c == null ? OutcomeCounts.EMPTY : c;
    }
}
