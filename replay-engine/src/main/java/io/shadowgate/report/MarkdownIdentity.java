package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.CELL_CHARS;
import static io.shadowgate.report.MarkdownText.block;
import static io.shadowgate.report.MarkdownText.cut;
import static io.shadowgate.report.MarkdownText.fenced;
import static io.shadowgate.report.MarkdownText.inline;
import static io.shadowgate.report.SummaryMarkdownWriter.COMMAND_CHARS;
import static io.shadowgate.report.SummaryMarkdownWriter.LINE_CHARS;
import static io.shadowgate.report.SummaryMarkdownWriter.TARGET_ROWS;

import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.traffic.TrafficScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The end of the summary that must survive any amount of evidence: the run's identity and the
 * command that reproduces it. Stateless.
 */
final class MarkdownIdentity {

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,128}");

    private MarkdownIdentity() {
    }

    /** What was compared, with what, and when: enough to find the run and prove which traffic it used. */
    static String render(RunResult result) {
        RunInfo info = result.info();
        StringBuilder out = new StringBuilder("\n### Run\n\n");
        if (info == null) {
            return out.append("No run identity was recorded.\n").toString();
        }
        out.append("- Scenario: ").append(block(info.scenarioName(), LINE_CHARS))
                .append(", file ").append(inline(info.scenarioFile(), LINE_CHARS)).append('\n');
        out.append("- Scenario SHA-256: ").append(code(info.scenarioSha256())).append('\n');
        TrafficScan traffic = info.traffic();
        if (traffic != null) {
            out.append("- Traffic: ").append(inline(traffic.source(), LINE_CHARS)).append(", ")
                    .append(ReportNumbers.count(traffic.records())).append(" requests, SHA-256 ")
                    .append(code(traffic.sha256())).append(" (of the ")
                    .append("file".equals(traffic.sha256Of()) ? "file's bytes" : "record lines").append(')');
            if (traffic.skipped() > 0) {
                out.append("; **").append(ReportNumbers.count(traffic.skipped())).append(" bad records skipped**");
            }
            out.append('\n');
        }
        Map<String, String> versions = new TreeMap<>(info.targetVersions() == null ? Map.of() : info.targetVersions());
        Map<String, TargetIdentity> identities = info.targetIdentities() == null ? Map.of() : info.targetIdentities();
        List<String> targets = new ArrayList<>();
        for (TargetSummary t : result.targets() == null ? List.<TargetSummary>of() : result.targets()) {
            String version = versions.remove(t.target());
            targets.add("- Target " + inline(t.target(), CELL_CHARS) + ": "
                    + (version == null ? "version unknown" : inline(version, LINE_CHARS))
                    + " at " + inline(t.address(), LINE_CHARS) + reported(identities.get(t.target()), t.target()));
        }
        versions.forEach((role, version) -> targets.add("- Target " + inline(role, CELL_CHARS) + ": "
                + inline(version, LINE_CHARS) + reported(identities.get(role), role)));
        for (int i = 0; i < targets.size(); i++) {
            if (i == TARGET_ROWS) {
                out.append("- … ").append(ReportNumbers.count(targets.size() - i)).append(" more, see verdict.json\n");
                break;
            }
            out.append(targets.get(i)).append('\n');
        }
        out.append("- Seed ").append(info.seed()).append(", mode ").append(inline(info.mode(), CELL_CHARS))
                .append(", Shadowgate ").append(inline(info.toolVersion(), CELL_CHARS)).append('\n');
        out.append("- Started ").append(info.started() == null ? Html.DASH : info.started().toString())
                .append(", finished ").append(info.finished() == null ? Html.DASH : info.finished().toString());
        if (info.started() != null && info.finished() != null && !info.finished().isBefore(info.started())) {
            out.append(" (").append(ReportNumbers.duration(Duration.between(info.started(), info.finished()))).append(')');
        }
        out.append(info.partial() ? "; **partial**: interrupted before the schedule ended" : "; the whole schedule ran")
                .append('\n');
        return out.toString();
    }

    /** What a target reported about its own version in its answers, when they were read for it. */
    private static String reported(TargetIdentity identity, String role) {
        return identity == null || !identity.observes() ? "" : "; " + inline(identity.describe(role), LINE_CHARS);
    }

    /** The command that reproduces the run, fenced; nothing when none was recorded. */
    static String reproduce(RunResult result) {
        RunInfo info = result.info();
        if (info == null || info.command() == null || info.command().isBlank()) {
            return "";
        }
        String command = ReportText.clean(cut(info.command(), COMMAND_CHARS)).replace("\r\n", "\n").replace('\r', '\n')
                .strip();
        // Cleaning can lengthen it (a bidi control is shown as eight characters): cut again.
        command = cut(command, COMMAND_CHARS);
        return "\n### Reproduce\n\n" + fenced(command);
    }

    /** Hex (a SHA-256) as code; anything else, as a hand-edited file might hold, as escaped text. */
    private static String code(String text) {
        return text != null && HEX.matcher(text).matches() ? "`" + text + "`" : inline(text, LINE_CHARS);
    }
}
