package io.shadowgate.report;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.contract.NewRejections;
import io.shadowgate.compare.model.ModelComparisonSummary;
import io.shadowgate.compare.response.DiffExample;
import io.shadowgate.compare.response.Difference;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.PathClass;
import io.shadowgate.compare.response.PathCounts;
import io.shadowgate.compare.response.PathDiffSummary;
import io.shadowgate.compare.response.ResponseSnapshot;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The response sections of the report: where the two versions' answers differ (per endpoint
 * and path, against the baseline's own noise, with example pairs side by side), the contract
 * changes, requests newly rejected, and model outputs. Every byte that came from a response
 * is escaped: a recorded body holding markup renders as inert text.
 */
final class HtmlResponses {

    /** Example pairs shown per path; the rest stay in verdict.json. */
    private static final int EXAMPLES_SHOWN = 2;
    /** Example pairs shown on the whole page, so a run where everything differs keeps a page people can open. */
    static final int EXAMPLES_PER_PAGE = 24;
    /** Differing paths listed per endpoint; the rest are counted and stay in verdict.json. */
    static final int PATHS_PER_ENDPOINT = 40;

    private HtmlResponses() {
    }

    static Html.Safe differences(ResponseFindings findings) {
        if (findings == null) {
            return Html.tag("p", "muted", "Responses were not compared (split mode, or compare.enabled: false).");
        }
        if (ResponseFindings.UNPAIRED.equals(findings.noise())) {
            return Html.tag("p", "muted", "Split stages send each request to one target, so no two responses to one "
                    + "request exist to compare; the contract below was learned from each side's own responses.");
        }
        List<Html.Safe> parts = new ArrayList<>();
        parts.add(Html.tag("p", "legend", "Noise measured: " + noiseText(findings.noise()) + ". A path is a regression "
                + "when the candidate differs there more often than the baseline differs from itself, beyond chance "
                + "(one-sided Newcombe interval on the two rates at " + ReportNumbers.percent(1 - findings.diffs().alpha())
                + "); without noise data every difference counts as the candidate's."));
        if (findings.uncompared() > 0) {
            parts.add(Html.tag("p", "bad", ReportNumbers.count(findings.uncompared()) + " request pairs were not compared: "
                    + "comparison fell behind the replay (the machine was overloaded). The figures below cover the rest."));
        }
        HtmlTable endpoints = new HtmlTable("responses").text("Endpoint").num("Pairs").num("Differ")
                .num("Rate").num("Baseline vs itself").num("Noise rate");
        for (EndpointDiffSummary e : findings.diffs().endpoints()) {
            endpoints.row(e.endpoint(), ReportNumbers.count(e.candidate().compared()),
                    ReportNumbers.count(e.candidate().mismatched()), ReportNumbers.percent(e.candidate().mismatchRate()),
                    e.noise().compared() == 0 ? "—" : ReportNumbers.count(e.noise().mismatched()) + " of "
                            + ReportNumbers.count(e.noise().compared()),
                    ReportNumbers.percent(e.noise().mismatchRate()));
        }
        parts.add(endpoints.render());
        int[] examplesLeft = {EXAMPLES_PER_PAGE};
        for (EndpointDiffSummary e : findings.diffs().endpoints()) {
            if (!e.paths().isEmpty()) {
                parts.add(Html.tag("h3", null, "Differing paths: " + e.endpoint()));
                parts.add(paths(e));
                parts.add(noisy(e));
                parts.add(examples(e, examplesLeft));
            }
        }
        if (examplesLeft[0] <= 0) {
            parts.add(Html.tag("p", "muted", "Only the first " + EXAMPLES_PER_PAGE + " example pairs are shown; "
                    + "verdict.json holds them all."));
        }
        return Html.join(parts.toArray(Html.Safe[]::new));
    }

    private static Html.Safe paths(EndpointDiffSummary e) {
        HtmlTable table = new HtmlTable("paths").text("Path").text("Class").num("Candidate differs").num("Noise differs")
                .text("Excess [interval]").text("Kinds");
        for (PathDiffSummary p : e.paths().stream().limit(PATHS_PER_ENDPOINT).toList()) {
            table.classedRow(p.pathClass() == PathClass.REGRESSION ? "no-go" : null, Html.tag("code", null, p.path()),
                    classBadge(p.pathClass()), rate(p.candidate()), rate(p.noise()),
                    p.excess() == null || !p.excess().hasData() ? "—"
                            : ReportNumbers.percent(p.excess().estimate()) + " [" + ReportNumbers.percent(p.excess().lower())
                            + ", " + ReportNumbers.percent(p.excess().upper()) + "]",
                    p.candidate().byKind().entrySet().stream()
                            .map(k -> kindName(k.getKey().name()) + " " + ReportNumbers.count(k.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        if (e.paths().size() > PATHS_PER_ENDPOINT) {
            table.row("(" + (e.paths().size() - PATHS_PER_ENDPOINT) + " more paths in verdict.json)", "", "", "", "", "");
        }
        if (e.folded() != null && e.folded().paths() > 0) {
            table.row("(other paths)", "not classified", ReportNumbers.count(e.folded().candidateDifferences()),
                    ReportNumbers.count(e.folded().noiseDifferences()), "—",
                    ReportNumbers.count(e.folded().paths()) + (e.folded().pathsExact() ? "" : "+") + " paths folded");
        }
        return table.render();
    }

    /** Paths where the baseline disagrees with itself: candidates for ignore rules, as YAML to paste. */
    private static Html.Safe noisy(EndpointDiffSummary e) {
        List<String> noisy = e.noisyPaths().stream().map(PathDiffSummary::path).toList();
        if (noisy.isEmpty()) {
            return Html.raw("");
        }
        String yaml = "compare:\n  endpoints:\n    " + e.endpoint() + ":\n      ignore: ["
                + noisy.stream().map(p -> "'" + p.replace("'", "''") + "'").collect(Collectors.joining(", ")) + "]";
        return Html.join(Html.tag("p", "muted", "The baseline differs from itself at these paths; to stop comparing "
                + "them, add ignore rules:"), Html.wrap("pre", null, Html.text(yaml)));
    }

    private static Html.Safe examples(EndpointDiffSummary e, int[] left) {
        List<Html.Safe> out = new ArrayList<>();
        for (PathDiffSummary p : e.paths()) {
            if (p.pathClass() == PathClass.WITHIN_NOISE) {
                continue;
            }
            for (DiffExample ex : p.candidateExamples().stream().limit(EXAMPLES_SHOWN).toList()) {
                if (left[0]-- <= 0) {
                    return Html.join(out.toArray(Html.Safe[]::new));
                }
                out.add(Html.tag("h3", null, "Example: " + p.path() + " — request " + ex.sequence()));
                HtmlTable diffs = new HtmlTable("diff").text("Where").text("Kind").text("Baseline").text("Candidate");
                for (Difference d : ex.differences()) {
                    diffs.row(Html.tag("code", null, d.location()), kindName(d.kind().name()),
                            Html.tag("mark", null, d.baselineValue() == null ? "(absent)" : d.baselineValue()),
                            Html.tag("mark", null, d.candidateValue() == null ? "(absent)" : d.candidateValue()));
                }
                out.add(diffs.render());
                out.add(Html.wrap("div", "panes", Html.join(pane("baseline", ex.baseline(), ex.baselineBodyBytes()),
                        pane("candidate", ex.other(), ex.otherBodyBytes()))));
            }
        }
        return Html.join(out.toArray(Html.Safe[]::new));
    }

    private static Html.Safe pane(String side, ResponseSnapshot r, int bodyBytes) {
        StringBuilder text = new StringBuilder("HTTP ").append(r.status()).append('\n');
        for (Header h : r.headers()) {
            text.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        text.append('\n').append(new String(r.body(), StandardCharsets.UTF_8));
        if (bodyBytes > r.body().length) {
            text.append("\n… (").append(bodyBytes - r.body().length).append(" more bytes)");
        }
        return Html.wrap("div", null, Html.join(Html.tag("div", "muted", side), Html.wrap("pre", null, Html.text(text.toString()))));
    }

    static Html.Safe contract(ResponseFindings findings) {
        if (findings == null) {
            return Html.tag("p", "muted", "Responses were not compared.");
        }
        List<Html.Safe> parts = new ArrayList<>();
        if (findings.contract().isEmpty()) {
            parts.add(Html.tag("p", "ok", "No contract change: the candidate's responses have the baseline's fields, "
                    + "types, status codes and content types."));
        } else {
            HtmlTable table = new HtmlTable("contract").text("Endpoint").text("Status").text("Path").text("Change")
                    .text("Breaking").text("Baseline").text("Candidate").text("Detail");
            for (ContractChange c : findings.contract()) {
                table.classedRow(c.breaking() ? "no-go" : null, c.endpoint(), c.statusClass(),
                        Html.tag("code", null, c.path()), kindName(c.kind().name()),
                        c.breaking() ? Html.tag("span", "badge no-go", "breaking") : Html.text("no"),
                        c.baselineCount() + " of " + c.baselineOf(), c.candidateCount() + " of " + c.candidateOf(),
                        c.detail());
            }
            parts.add(table.render());
        }
        List<NewRejections> rejected = findings.rejections().stream().filter(r -> r.rejected() > 0).toList();
        if (!rejected.isEmpty()) {
            parts.add(Html.tag("h3", null, "Accepted by the baseline (2xx), rejected by the candidate (4xx)"));
            HtmlTable table = new HtmlTable("rejections").text("Endpoint").num("Rejected").num("Of pairs")
                    .text("Candidate statuses").text("First requests");
            for (NewRejections r : rejected) {
                table.classedRow("no-go", r.endpoint(), ReportNumbers.count(r.rejected()), ReportNumbers.count(r.pairs()),
                        r.byStatus().entrySet().stream().map(s -> s.getKey() + " × " + s.getValue())
                                .collect(Collectors.joining(", ")), String.join(", ", r.examples()));
            }
            parts.add(table.render());
        }
        return Html.join(parts.toArray(Html.Safe[]::new));
    }

    static Html.Safe models(ResponseFindings findings) {
        if (findings == null || findings.models().isEmpty()) {
            return Html.tag("p", "muted", "No model endpoint configured (compare.endpoints.NAME.labelPath / scorePath).");
        }
        HtmlTable table = new HtmlTable("models").text("Endpoint").num("Pairs").num("Label flips").num("Flip rate")
                .num("Mean |score change|").num("p99").num("Max").num("KS D").num("KS p");
        for (Map.Entry<String, ModelComparisonSummary> m : findings.models().entrySet()) {
            var s = m.getValue();
            table.row(m.getKey(), ReportNumbers.count(s.pairs()),
                    ReportNumbers.count(s.labels().flipped()) + " of " + ReportNumbers.count(s.labels().compared()),
                    ReportNumbers.percent(s.labels().compared() == 0 ? Double.NaN
                            : (double) s.labels().flipped() / s.labels().compared()),
                    ReportNumbers.sig3(s.drift().mean()), ReportNumbers.sig3(s.drift().p99()),
                    ReportNumbers.sig3(s.drift().max()), ReportNumbers.sig3(s.drift().ksStatistic()),
                    ReportNumbers.sig3(s.drift().ksPValue()));
        }
        return table.render();
    }

    private static String rate(PathCounts c) {
        return c.compared() == 0 ? "—" : ReportNumbers.count(c.differing()) + " of " + ReportNumbers.count(c.compared())
                + " (" + ReportNumbers.percent((double) c.differing() / c.compared()) + ")";
    }

    private static Html.Safe classBadge(PathClass c) {
        return switch (c) {
            case REGRESSION -> Html.tag("span", "badge no-go", "regression");
            case WITHIN_NOISE -> Html.tag("span", "badge inconclusive", "noise");
            case NO_NOISE_DATA -> Html.tag("span", "badge", "differs (no noise data)");
        };
    }

    private static String kindName(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String noiseText(String noise) {
        return switch (noise) {
            case "repeat" -> "each request was also sent to the baseline a second time";
            case "replica" -> "a baseline-replica target answered every request too";
            default -> "no (compare.noise: off)";
        };
    }
}
