package io.shadowgate.report;

import static io.shadowgate.report.MarkdownText.cell;
import static io.shadowgate.report.SummaryMarkdownWriter.CONTRACT_ROWS;
import static io.shadowgate.report.SummaryMarkdownWriter.PATH_ROWS;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.contract.NewRejections;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.PathClass;
import io.shadowgate.compare.response.PathCounts;
import io.shadowgate.compare.response.PathDiffSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The response sections of the summary: the paths where the two versions' answers differ most,
 * the contract changes, and requests newly rejected. Stateless.
 */
final class MarkdownResponses {

    private MarkdownResponses() {
    }

    static void render(MarkdownPage md, ResponseFindings findings) {
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
}
