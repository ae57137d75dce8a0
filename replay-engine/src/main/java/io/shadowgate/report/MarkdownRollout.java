package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.MarkdownText.inline;
import static io.shadowgate.report.SummaryMarkdownWriter.LINE_CHARS;
import static io.shadowgate.report.SummaryMarkdownWriter.TARGET_ROWS;

import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageOutcome;
import io.shadowgate.rehearsal.StageResult;
import java.util.List;
import java.util.Locale;

/** A split-mode rollout in the summary: each phase with its outcome and accounts. Stateless. */
final class MarkdownRollout {

    private MarkdownRollout() {
    }

    /** A rehearsal's phases, and how fast an abort was detected and reverted. */
    static void render(MarkdownPage md, RolloutResult rollout) {
        if (rollout == null) {
            return;
        }
        md.line("");
        md.line("### Rollout: " + rollout.outcome().name().toLowerCase(Locale.ROOT));
        md.line("");
        if (rollout.timeToDetectMillis() != null) {
            md.line(String.format(Locale.ROOT, "Detected %s s after %s; the candidate's last request ended %s s after "
                            + "the abort.", ReportNumbers.seconds(rollout.timeToDetectMillis()),
                    inline(rollout.onset(), LINE_CHARS), rollout.timeToRevertMillis() == null ? "?"
                            : ReportNumbers.seconds(rollout.timeToRevertMillis())));
            md.line("");
        }
        List<StageResult> stages = rollout.stages();
        md.table(List.of("Phase", "Outcome", "From", "To", "Looks", "Requests", "To the candidate", "Check"),
                "---,---,---:,---:,---:,---:,---:,---", stages.size(), TARGET_ROWS, i -> {
                    StageResult s = stages.get(i);
                    boolean reached = s.outcome() != StageOutcome.NOT_REACHED;
                    return List.of(cell(s.label()), s.outcome().name(),
                            reached ? ReportNumbers.seconds(s.startMillis()) + " s" : "",
                            reached ? ReportNumbers.seconds(s.endMillis()) + " s" : "",
                            reached ? Integer.toString(s.looks()) : "", ReportNumbers.count(s.requests()),
                            ReportNumbers.count(s.candidate().scheduled()),
                            s.addsUp() ? "adds up" : "**does NOT add up**");
                });
    }
}
