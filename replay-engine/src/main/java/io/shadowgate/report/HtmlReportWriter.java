package io.shadowgate.report;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.TargetSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import io.shadowgate.traffic.TrafficScan;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code index.html}: the run's report for people, one self-contained file (inline CSS,
 * no scripts, no fetches) that opens from a {@code file:} URL and can be attached to a ticket.
 * This class lays out the page, the banner and the run's identity; {@link HtmlSections},
 * {@link SvgPercentileSpectrum} and {@link SvgTimeSeries} render the evidence. Every string
 * from the run is escaped.
 */
public final class HtmlReportWriter implements ReportWriter {

    /** The file name of the HTML report in a result directory. */
    public static final String FILE_NAME = "index.html";

    // No network, no scripts: even if escaping ever failed, an injected tag could neither run
    // nor fetch anything. The page needs only its own inline styles.
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
                   color: #1f2328; background: #f6f8fa; margin: 0; }
            main, .banner-inner { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
            h1 { font-size: 30px; margin: 0; letter-spacing: .02em; }
            h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 8px; }
            code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            pre { background: #fff; border: 1px solid #d0d7de; padding: 8px 10px; white-space: pre-wrap;
                  word-break: break-all; margin: 0; }
            .banner { padding: 18px 0; border-bottom: 4px solid; }
            .banner.go { background: #dafbe1; border-color: #1a7f37; color: #0f4d22; }
            .banner.no-go { background: #ffebe9; border-color: #cf222e; color: #82071e; }
            .banner.inconclusive { background: #fff8c5; border-color: #bf8700; color: #6b4a00; }
            .banner p { margin: 4px 0; } .banner ul { margin: 8px 0 0; padding-left: 20px; }
            .partial { display: inline-block; background: #6b4a00; color: #fff; border-radius: 4px;
                       padding: 1px 8px; font-size: 13px; font-weight: 600; margin-left: 12px; vertical-align: middle; }
            dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
            dl.identity dt { color: #59636e; } dl.identity dd { margin: 0; overflow-wrap: anywhere; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; background: #fff; border: 1px solid #d0d7de; }
            th, td { padding: 4px 9px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.no-go td { background: #fff5f5; } tr.total td { background: #f6f8fa; }
            tr.go td { background: #f3fbf5; } tr.inconclusive td { background: #fffbe6; }
            .badge { border-radius: 4px; padding: 1px 6px; font-weight: 600; font-size: 12px; white-space: nowrap; }
            .badge.go { background: #1a7f37; color: #fff; } .badge.no-go { background: #cf222e; color: #fff; }
            .badge.inconclusive { background: #bf8700; color: #fff; }
            .rule { color: #59636e; font-size: 12px; }
            .ok { color: #1a7f37; font-weight: 600; white-space: nowrap; }
            .bad { color: #cf222e; font-weight: 700; }
            .muted, .legend, footer { color: #59636e; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; }
            figure.chart { margin: 0; background: #fff; border: 1px solid #d0d7de; padding: 6px; flex: 1 1 480px; }
            figure.chart.wide { flex-basis: 100%; }
            figure.chart svg { width: 100%; height: auto; font-size: 11px; fill: #59636e; }
            figcaption { font-weight: 600; }
            .panes { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-bottom: 12px; }
            .panes pre { max-height: 320px; overflow: auto; }
            mark { background: #fff8c5; padding: 0 2px; }
            footer { margin: 32px auto 24px; max-width: 1200px; padding: 0 24px; font-size: 12px; }
            """;

    @Override
    public Path write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        // getBytes, not writeString: a response can carry an unpaired surrogate ("\ud800" in JSON),
        // which writeString refuses; getBytes writes '?' for it, and the report is still written.
        Files.write(file, render(result).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The whole page as a string. */
    static String render(RunResult result) {
        RunInfo info = result.info();
        Verdict verdict = result.verdict();
        List<TargetSummary> targets = result.targets() == null ? List.of() : result.targets();
        StringBuilder page = new StringBuilder(32 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape("Shadowgate " + decision(verdict).name() + " — "
                        + info.scenarioName())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        page.append(banner(verdict, info.partial()));
        // Evidence first, in the order a reviewer asks: what decided, how the latency compares,
        // how it moved over the run, where requests ended, what the answers said; identity last.
        page.append("<main>\n");
        if (result.rollout() != null) {
            // A rehearsal's story is its stages; the gates below are each stage's last judgement.
            section(page, "rollout", "Rollout", HtmlRollout.render(result.rollout()));
        }
        section(page, "gates", "Gates", HtmlSections.gates(verdict.gates() == null ? List.of() : verdict.gates()));
        section(page, "windows", "Gates over time", HtmlWindows.render(verdict.windows()));
        if (result.capacity() != null) {
            section(page, "capacity", "Capacity knees", HtmlCapacity.render(result.capacity(), targets));
        }
        section(page, "latency", "Latency", Html.join(
                SvgPercentileSpectrum.render(targets),
                HtmlSections.latency(targets),
                Html.tag("h3", null, "Schedule lateness (actual minus intended send)"),
                HtmlSections.pace(result.pace()),
                HtmlSections.lateness(targets),
                Html.tag("h3", null, "Per endpoint, from intended start"),
                HtmlSections.endpointLatency(targets)));
        section(page, "series", "Over time", SvgTimeSeries.render(targets));
        section(page, "outcomes", "Outcomes", HtmlSections.outcomes(targets));
        section(page, "responses", "Response differences", HtmlResponses.differences(result.responses()));
        section(page, "contract", "Contract", HtmlResponses.contract(result.responses()));
        section(page, "models", "Model outputs", HtmlResponses.models(result.responses()));
        section(page, "run", "Run", identity(info, targets));
        page.append("</main>\n<footer>")
                .append(Html.escape("Rendered by Shadowgate " + nullToDash(info.toolVersion())
                        + " from verdict.json (schema version " + result.schemaVersion() + ")."))
                .append("</footer>\n</body>\n</html>\n");
        return page.toString();
    }

    private static String banner(Verdict verdict, boolean partial) {
        Decision d = decision(verdict);
        StringBuilder out = new StringBuilder("<header class=\"banner ").append(HtmlSections.decisionClass(d))
                .append("\"><div class=\"banner-inner\">\n<h1>").append(d.name());
        if (partial) {
            out.append("<span class=\"partial\">PARTIAL RUN</span>");
        }
        out.append("</h1>\n").append(Html.tag("p", null, meaning(d)).html()).append('\n');
        if (partial) {
            out.append(Html.tag("p", null, "The run was interrupted before its schedule ended; "
                    + "the evidence covers only the part that ran.").html()).append('\n');
        }
        List<String> reasons = verdict.reasons() == null ? List.of() : verdict.reasons();
        if (reasons.isEmpty()) {
            out.append(Html.tag("p", null, "No deciding reasons were recorded.").html());
        } else {
            out.append("<ul class=\"reasons\">\n");
            reasons.forEach(r -> out.append(Html.tag("li", null, r).html()).append('\n'));
            out.append("</ul>");
        }
        return out.append("\n</div></header>\n").toString();
    }

    private static Html.Safe identity(RunInfo info, List<TargetSummary> targets) {
        StringBuilder dl = new StringBuilder("<dl class=\"identity\">\n");
        item(dl, "Scenario", Html.text(info.scenarioName()));
        item(dl, "Scenario file", Html.tag("code", null, info.scenarioFile()));
        item(dl, "Scenario SHA-256", Html.tag("code", null, info.scenarioSha256()));
        item(dl, "Tool version", Html.text(info.toolVersion()));
        item(dl, "Seed", Html.text(Long.toString(info.seed())));
        item(dl, "Mode", Html.text(info.mode()));
        item(dl, "Started", Html.text(instant(info.started())));
        item(dl, "Finished", Html.text(instant(info.finished()) + length(info.started(), info.finished())));
        item(dl, "Completeness", info.partial()
                ? Html.tag("strong", "bad", "partial: interrupted before the schedule ended")
                : Html.text("complete: the whole schedule ran"));
        Map<String, String> versions = new TreeMap<>(info.targetVersions() == null ? Map.of() : info.targetVersions());
        for (TargetSummary t : targets) {
            String version = versions.remove(t.target());
            TargetIdentity identity = info.targetIdentities() == null ? null : info.targetIdentities().get(t.target());
            item(dl, "Target " + t.target(), Html.join(Html.text(version == null ? "version unknown" : version),
                    Html.raw(" at "), Html.tag("code", null, t.address()),
                    identity == null || !identity.observes() ? Html.raw("")
                            : Html.tag("div", "muted", identity.describe(t.target()))));
        }
        versions.forEach((role, version) -> item(dl, "Target " + role, Html.text(version)));
        if (info.earlyStop() != null) {
            item(dl, "Stopped early", Html.text(info.earlyStop().describe()));
        }
        traffic(dl, info.traffic());
        item(dl, "Reproduce", Html.wrap("pre", null, Html.tag("code", null, info.command())));
        return Html.raw(dl.append("</dl>\n").toString());
    }

    private static void traffic(StringBuilder dl, TrafficScan traffic) {
        if (traffic == null) {
            return;
        }
        item(dl, "Traffic", Html.join(Html.tag("code", null, traffic.source()),
                Html.text(" — " + ReportNumbers.count(traffic.records()) + " requests")));
        item(dl, "Traffic SHA-256", Html.join(Html.tag("code", null, traffic.sha256()),
                Html.text(" (of the " + ("file".equals(traffic.sha256Of()) ? "file's bytes" : "record lines") + ")")));
        if (traffic.replay() != null) {
            var r = traffic.replay();
            item(dl, "Replay controls", Html.text(ReportNumbers.count(r.read()) + " read: " + ReportNumbers.count(r.replayed())
                    + " replayed, " + ReportNumbers.count(r.outsideWindow()) + " outside the time window, "
                    + ReportNumbers.count(r.filtered()) + " filtered out, " + ReportNumbers.count(r.sideEffectSkipped())
                    + " non-idempotent requests skipped (a target does not allow side effects)"));
        }
        if (traffic.skipped() > 0 || !traffic.problems().isEmpty()) {
            StringBuilder list = new StringBuilder("<ul class=\"problems\">");
            for (String problem : traffic.problems()) {
                list.append("<li>").append(Html.escape(problem)).append("</li>");
            }
            list.append("</ul>");
            item(dl, "Traffic problems", Html.join(
                    Html.tag("strong", "bad", ReportNumbers.count(traffic.skipped()) + " bad records skipped"),
                    Html.raw(list.toString())));
        }
    }

    private static void item(StringBuilder dl, String term, Html.Safe definition) {
        dl.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(definition.html()).append("</dd>\n");
    }

    private static void section(StringBuilder page, String id, String title, Html.Safe content) {
        page.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(title)).append("</h2>\n")
                .append(content.html()).append("</section>\n");
    }

    private static Decision decision(Verdict verdict) {
        return verdict.decision() == null ? Decision.INCONCLUSIVE : verdict.decision();
    }

    private static String meaning(Decision d) {
        return switch (d) {
            case GO -> "Every gate holds: the candidate is pre-authorized.";
            case NO_GO -> "A gate is breached: the candidate is not pre-authorized.";
            case INCONCLUSIVE -> "The evidence is too thin to decide; run with more traffic.";
        };
    }

    private static String instant(Instant at) {
        return at == null ? Html.DASH : at.toString();
    }

    private static String length(Instant start, Instant end) {
        if (start == null || end == null || end.isBefore(start)) {
            return "";
        }
        return " (" + ReportNumbers.duration(Duration.between(start, end)) + ")";
    }

    private static String nullToDash(String s) {
        return s == null ? Html.DASH : s;
    }
}
