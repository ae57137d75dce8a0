package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.block;
import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.MarkdownText.inline;
import static io.shadowgate.report.SummaryMarkdownWriter.GATE_ROWS;
import static io.shadowgate.report.SummaryMarkdownWriter.LINE_CHARS;
import static io.shadowgate.report.SummaryMarkdownWriter.REASONS_SHOWN;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The decision in the summary: its heading, what it means, the deciding reasons, and every gate
 * behind it. Stateless.
 */
final class MarkdownVerdict {

    private MarkdownVerdict() {
    }

    /** The heading, what the decision means, and the deciding reasons. */
    static void verdict(MarkdownPage md, RunResult result) {
        RunInfo info = result.info();
        Verdict verdict = result.verdict();
        Decision d = verdict == null || verdict.decision() == null ? Decision.INCONCLUSIVE : verdict.decision();
        md.line("## " + d.name() + ": " + inline(info == null ? null : info.scenarioName(), LINE_CHARS));
        md.line("");
        md.line("**Shadowgate verdict: " + d.name() + ".** " + meaning(d));
        if (info != null && info.partial()) {
            md.line("");
            md.line("**PARTIAL RUN:** the run was interrupted before its schedule ended; "
                    + "the evidence covers only the part that ran.");
        }
        if (info != null && info.earlyStop() != null) {
            md.line("");
            md.line("Stopped early: " + inline(info.earlyStop().describe(), LINE_CHARS) + ".");
        }
        md.line("");
        md.line("### Deciding reasons");
        md.line("");
        List<String> reasons = verdict == null || verdict.reasons() == null ? List.of() : verdict.reasons();
        if (reasons.isEmpty()) {
            md.line("No deciding reasons were recorded.");
        }
        for (int i = 0; i < reasons.size(); i++) {
            if (i == REASONS_SHOWN) {
                md.line("- … " + ReportNumbers.count(reasons.size() - i) + " more, see verdict.json");
                break;
            }
            md.line("- " + block(reasons.get(i), LINE_CHARS));
        }
    }

    /** Every gate, NO_GO first, then INCONCLUSIVE, then GO; scenario order within each. */
    static void gates(MarkdownPage md, Verdict verdict) {
        List<GateResult> gates = verdict == null || verdict.gates() == null ? List.of() : verdict.gates();
        md.line("");
        md.line("### Gates");
        md.line("");
        if (gates.isEmpty()) {
            md.line("The scenario defines no gates.");
            return;
        }
        Map<Decision, Long> byDecision = gates.stream().collect(Collectors.groupingBy(
                MarkdownVerdict::decision, () -> new EnumMap<>(Decision.class), Collectors.counting()));
        md.line(ReportNumbers.count(gates.size()) + (gates.size() == 1 ? " gate: " : " gates: ")
                + byDecision.getOrDefault(Decision.NO_GO, 0L) + " NO_GO, "
                + byDecision.getOrDefault(Decision.INCONCLUSIVE, 0L) + " INCONCLUSIVE, "
                + byDecision.getOrDefault(Decision.GO, 0L) + " GO.");
        md.line("");
        List<GateResult> ordered = gates.stream()
                .sorted(Comparator.comparingInt((GateResult g) -> severity(decision(g)))).toList();
        md.table(List.of("Gate", "Scope", "Decision", "Estimate", "Interval", "Limit"), "---,---,---,---:,---,---:",
                ordered.size(), GATE_ROWS, i -> {
                    GateResult g = ordered.get(i);
                    Decision d = decision(g);
                    return List.of(cell(g.gate()), cell(g.scope()), d == Decision.NO_GO ? "**NO_GO**" : d.name(),
                            cell(ReportNumbers.inUnit(g.estimate(), g.unit())),
                            cell(ReportText.interval(g.interval(), g.unit())),
                            cell(ReportNumbers.inUnit(g.limit(), g.unit())));
                });
    }

    private static Decision decision(GateResult g) {
        return g.decision() == null ? Decision.INCONCLUSIVE : g.decision();
    }

    private static int severity(Decision d) {
        return switch (d) {
            case NO_GO -> 0;
            case INCONCLUSIVE -> 1;
            case GO -> 2;
        };
    }

    private static String meaning(Decision d) {
        return switch (d) {
            case GO -> "Every gate holds: the candidate is pre-authorized.";
            case NO_GO -> "A gate is breached: the candidate is not pre-authorized.";
            case INCONCLUSIVE -> "The evidence is too thin to decide; run with more traffic.";
        };
    }
}
