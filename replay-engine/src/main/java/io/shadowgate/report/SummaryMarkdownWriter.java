package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.CELL_CHARS;
import static io.shadowgate.report.MarkdownText.block;
import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.MarkdownText.cut;
import static io.shadowgate.report.MarkdownText.fenced;
import static io.shadowgate.report.MarkdownText.inline;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.contract.NewRejections;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.PathClass;
import io.shadowgate.compare.response.PathCounts;
import io.shadowgate.compare.response.PathDiffSummary;
import io.shadowgate.judge.CapacityCurve;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageOutcome;
import io.shadowgate.rehearsal.StageResult;
import io.shadowgate.traffic.TrafficScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.md}: the run in a page of GitHub-flavoured Markdown, for CI job
 * summaries ({@code cat summary.md >> "$GITHUB_STEP_SUMMARY"}). It has the verdict, the
 * deciding reasons, the gates (NO_GO first), outcome counts per target and whether they add up,
 * the top differing response paths and contract changes, the run's identity and the command
 * that reproduces it.
 *
 * <p>Text from the run is escaped so it stays text: Markdown and HTML specials are
 * backslash-escaped, line breaks become spaces (a table row stays one row), invisible
 * bidirectional controls are shown ({@link ReportText}), and a text that would start a block
 * (a list, a heading) cannot. The file stays under {@value #MAX_BYTES} bytes, below GitHub's
 * 1 MiB limit for a step summary, whatever the result holds: long tables end in a
 * "… N more, see verdict.json" line and long texts are cut. Stateless and thread-safe.
 */
public final class SummaryMarkdownWriter implements ReportWriter {

    /** The file name of the Markdown summary in a result directory. */
    public static final String FILE_NAME = "summary.md";

    /** The most bytes the file holds; GitHub rejects a step summary over 1 MiB (1,048,576 bytes). */
    static final int MAX_BYTES = 1_000_000;

    static final int REASONS_SHOWN = 10;
    static final int GATE_ROWS = 100;
    static final int TARGET_ROWS = 20;
    static final int PATH_ROWS = 10;
    static final int CONTRACT_ROWS = 20;

    /** Code points kept of a list item and of the reproduce command (a table cell: {@link MarkdownText#CELL_CHARS}). */
    private static final int LINE_CHARS = 500;
    private static final int COMMAND_CHARS = 4000;

    /** Room kept at the end of the body for its cut note. */
    private static final int CUT_NOTE_BYTES = 200;

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,128}");

    @Override
    public Path write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
        return file;
    }

    /** The whole summary. */
    static String render(RunResult result) {
        return render(result, MAX_BYTES);
    }

    /** The whole summary in at most {@code maxBytes} of UTF-8 (when the run's identity alone fits in them). */
    static String render(RunResult result, long maxBytes) {
        // The identity and the reproduce command are small and bounded, and must survive any
        // amount of evidence: they are set aside first, the evidence fills what is left.
        String tail = identity(result) + reproduce(result) + footer(result);
        MarkdownPage body = new MarkdownPage(maxBytes - ReportText.utf8Length(tail) - CUT_NOTE_BYTES);
        verdict(body, result);
        rollout(body, result.rollout());
        gates(body, result.verdict());
        capacity(body, result.capacity());
        outcomes(body, result.targets());
        responses(body, result.responses());
        if (body.cut) {
            body.text.append("\n… the summary stops here at its size limit; see verdict.json or index.html.\n");
        }
        return body.text.append(tail).toString();
    }

    private static void verdict(MarkdownPage md, RunResult result) {
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

    /** A rehearsal's phases, and how fast an abort was detected and reverted. */
    private static void rollout(MarkdownPage md, RolloutResult rollout) {
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

    /** Each version's knee per budget. */
    private static void capacity(MarkdownPage md, List<CapacityCurves> capacity) {
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

    /** Every gate, NO_GO first, then INCONCLUSIVE, then GO; scenario order within each. */
    private static void gates(MarkdownPage md, Verdict verdict) {
        List<GateResult> gates = verdict == null || verdict.gates() == null ? List.of() : verdict.gates();
        md.line("");
        md.line("### Gates");
        md.line("");
        if (gates.isEmpty()) {
            md.line("The scenario defines no gates.");
            return;
        }
        Map<Decision, Long> byDecision = gates.stream().collect(Collectors.groupingBy(
                SummaryMarkdownWriter::decision, () -> new EnumMap<>(Decision.class), Collectors.counting()));
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

    /** Per target, how every scheduled request ended; then any endpoint whose counts do not add up. */
    private static void outcomes(MarkdownPage md, List<TargetSummary> targets) {
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
    }

    private static void responses(MarkdownPage md, ResponseFindings findings) {
        if (findings == null) {
            md.line("");
            md.line("Responses were not compared (split mode, or compare.enabled: false).");
            return;
        }
        if (!ResponseFindings.UNPAIRED.equals(findings.noise())) {
            differingPaths(md, findings);
        }
        contract(md, findings);
    }

    /** The paths where the answers differ most: regressions first, then by how often the candidate differed. */
    private static void differingPaths(MarkdownPage md, ResponseFindings findings) {
        record Row(String endpoint, PathDiffSummary path) {
        }
        List<Row> rows = new ArrayList<>();
        if (findings.diffs() != null) {
            for (EndpointDiffSummary e : findings.diffs().endpoints()) {
                e.paths().forEach(p -> rows.add(new Row(e.endpoint(), p)));
            }
        }
        md.line("");
        md.line("### Top differing response paths");
        md.line("");
        if (findings.uncompared() > 0 || findings.unpaired() > 0) {
            md.line("Not compared: " + ReportNumbers.count(findings.uncompared()) + " requests (comparison fell behind "
                    + "the replay) and " + ReportNumbers.count(findings.unpaired()) + " requests that did not end at "
                    + "every compared target.");
            md.line("");
        }
        if (rows.isEmpty()) {
            md.line("The candidate's responses do not differ from the baseline's.");
            return;
        }
        rows.sort(Comparator.comparingInt((Row r) -> classOrder(r.path().pathClass()))
                .thenComparing(Comparator.comparingLong((Row r) -> r.path().candidate().differing()).reversed())
                .thenComparing(Row::endpoint, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> r.path().path(), Comparator.nullsFirst(Comparator.naturalOrder())));
        md.table(List.of("Endpoint", "Path", "Class", "Candidate differs", "Baseline vs itself"), "---,---,---,---:,---:",
                rows.size(), PATH_ROWS, i -> {
                    PathDiffSummary p = rows.get(i).path();
                    return List.of(cell(rows.get(i).endpoint()), cell(p.path()), className(p.pathClass()),
                            rate(p.candidate()), rate(p.noise()));
                });
    }

    /** Schema changes, breaking ones first, and requests the baseline accepted that the candidate rejected. */
    private static void contract(MarkdownPage md, ResponseFindings findings) {
        List<ContractChange> changes = findings.contract() == null ? List.of() : findings.contract().stream()
                .sorted(Comparator.comparing((ContractChange c) -> !c.breaking())).toList();
        md.line("");
        md.line("### Contract changes");
        md.line("");
        if (changes.isEmpty()) {
            md.line("No contract change: the candidate's responses have the baseline's fields, types, status codes "
                    + "and content types.");
        } else {
            md.table(List.of("Endpoint", "Status", "Path", "Change", "Breaking", "Baseline", "Candidate", "Detail"),
                    "---,---,---,---,---,---:,---:,---", changes.size(), CONTRACT_ROWS, i -> {
                        ContractChange c = changes.get(i);
                        return List.of(cell(c.endpoint()), cell(c.statusClass()), cell(c.path()),
                                cell(c.kind() == null ? null : c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                                c.breaking() ? "**breaking**" : "no",
                                ReportNumbers.count(c.baselineCount()) + " of " + ReportNumbers.count(c.baselineOf()),
                                ReportNumbers.count(c.candidateCount()) + " of " + ReportNumbers.count(c.candidateOf()),
                                cell(c.detail()));
                    });
        }
        List<NewRejections> rejected = findings.rejections() == null ? List.of()
                : findings.rejections().stream().filter(r -> r.rejected() > 0).toList();
        if (!rejected.isEmpty()) {
            md.line("");
            md.line("Accepted by the baseline (2xx), rejected by the candidate (4xx):");
            md.line("");
            md.table(List.of("Endpoint", "Rejected", "Of pairs", "Candidate statuses"), "---,---:,---:,---",
                    rejected.size(), CONTRACT_ROWS, i -> {
                        NewRejections r = rejected.get(i);
                        String statuses = new TreeMap<>(r.byStatus() == null ? Map.<Integer, Long>of() : r.byStatus())
                                .entrySet().stream().map(s -> s.getKey() + " × " + s.getValue())
                                .collect(Collectors.joining(", "));
                        return List.of(cell(r.endpoint()), ReportNumbers.count(r.rejected()),
                                ReportNumbers.count(r.pairs()), cell(statuses));
                    });
        }
    }

    /** What was compared, with what, and when: enough to find the run and prove which traffic it used. */
    private static String identity(RunResult result) {
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

    private static String reproduce(RunResult result) {
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



    private static String footer(RunResult result) {
        String version = result.info() == null ? null : result.info().toolVersion();
        return "\nThe evidence in full: index.html; for machines: verdict.json (schema version " + result.schemaVersion()
                + ") and junit.xml. Rendered by Shadowgate " + inline(version, CELL_CHARS) + ".\n";
    }




    /** Hex (a SHA-256) as code; anything else, as a hand-edited file might hold, as escaped text. */
    private static String code(String text) {
        return text != null && HEX.matcher(text).matches() ? "`" + text + "`" : inline(text, LINE_CHARS);
    }

    private static String rate(PathCounts c) {
        if (c == null || c.compared() == 0) {
            return Html.DASH;
        }
        return ReportNumbers.count(c.differing()) + " of " + ReportNumbers.count(c.compared()) + " ("
                + ReportNumbers.percent((double) c.differing() / c.compared()) + ")";
    }

    private static String className(PathClass c) {
        if (c == null) {
            return Html.DASH;
        }
        return switch (c) {
            case REGRESSION -> "**regression**";
            case WITHIN_NOISE -> "within noise";
            case NO_NOISE_DATA -> "differs (no noise data)";
        };
    }

    private static int classOrder(PathClass c) {
        return c == null ? 3 : switch (c) {
            case REGRESSION -> 0;
            case NO_NOISE_DATA -> 1;
            case WITHIN_NOISE -> 2;
        };
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

    private static OutcomeCounts orEmpty(OutcomeCounts c) {
        return c == null ? OutcomeCounts.EMPTY : c;
    }
}
