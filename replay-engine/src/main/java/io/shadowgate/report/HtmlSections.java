package io.shadowgate.report;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Interval;
import io.shadowgate.judge.PaceCheck;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import java.util.List;

/**
 * The evidence tables of the HTML report: gates, latency percentiles, schedule lateness and
 * outcome counts. Each method renders one table from the stored result. Stateless.
 */
final class HtmlSections {

    private static final double[] LATENESS_PERCENTILES = {50, 99, 99.9};
    private static final double[] ENDPOINT_PERCENTILES = {50, 99, 99.9};

    private HtmlSections() {
    }

    /**
     * One row per gate, in scenario order, coloured by its decision. "Detectable" is the
     * smallest true value that this traffic would show as a breach four times in five.
     */
    static Html.Safe gates(List<GateResult> gates) {
        if (gates.isEmpty()) {
            return Html.tag("p", "muted", "The scenario defines no gates.");
        }
        HtmlTable table = new HtmlTable("gates").text("Gate").text("Scope").text("Decision")
                .num("Baseline").num("Candidate").num("Estimate").text("Interval").num("Limit")
                .num("Detectable").text("Unit").text("Reason and rule");
        for (GateResult g : gates) {
            table.classedRow(decisionClass(g.decision()),
                    g.gate(), g.scope(), decisionBadge(g.decision()),
                    ReportNumbers.measured(g.baseline(), g.unit()),
                    ReportNumbers.measured(g.candidate(), g.unit()),
                    ReportNumbers.inUnit(g.estimate(), g.unit()),
                    interval(g.interval(), g.unit()),
                    ReportNumbers.inUnit(g.limit(), g.unit()),
                    ReportNumbers.inUnit(g.detectable(), g.unit()),
                    g.unit(),
                    Html.join(Html.tag("div", null, g.reason()), Html.tag("div", "rule", g.rule())));
        }
        return table.render();
    }

    /** Per target, latency from the intended start and service time, at every standard percentile. */
    static Html.Safe latency(List<TargetSummary> targets) {
        HtmlTable table = new HtmlTable("latency").text("Target").text("Measured from");
        for (double p : LatencySummary.PERCENTILES) {
            table.num(ReportNumbers.percentileLabel(p) + " ms");
        }
        table.num("Mean ms").num("Max ms").num("Count");
        for (TargetSummary t : targets) {
            table.row(latencyRow(t.target(), "intended start", t.latency()));
            table.row(latencyRow(t.target(), "actual send (service time)", t.service()));
        }
        return table.render();
    }

    /** Whether the replay kept its schedule: a line when it did, the finding in red when it did not; nothing if unknown. */
    static Html.Safe pace(SchedulePace pace) {
        if (pace == null) {
            return Html.raw("");
        }
        String rates = pace.plannedPerSecond() > 0 ? " " + ReportNumbers.sig3(pace.plannedPerSecond())
                + " requests/s planned, " + ReportNumbers.sig3(pace.sentPerSecond()) + " sent." : "";
        if (pace.kept()) {
            return Html.tag("p", "muted", "The schedule was kept: lateness " + ReportNumbers.percentileLabel(pace.percentile())
                    + " " + ReportNumbers.ms(pace.latenessMillis()) + " ms, within " + ReportNumbers.ms(PaceCheck.KEPT_MILLIS)
                    + " ms." + rates);
        }
        String finding = pace.finding() == null || pace.finding().isBlank()
                ? "The replay fell behind its schedule: lateness " + ReportNumbers.percentileLabel(pace.percentile()) + " "
                        + ReportNumbers.ms(pace.latenessMillis()) + " ms."
                : Character.toUpperCase(pace.finding().charAt(0)) + pace.finding().substring(1);
        return Html.tag("p", "bad", finding);
    }

    /** How late requests were sent relative to their intended instant: the load generator's own health. */
    static Html.Safe lateness(List<TargetSummary> targets) {
        HtmlTable table = new HtmlTable("lateness").text("Target");
        for (double p : LATENESS_PERCENTILES) {
            table.num(ReportNumbers.percentileLabel(p) + " ms");
        }
        table.num("Max ms").num("Count");
        for (TargetSummary t : targets) {
            LatencySummary l = orEmpty(t.lateness());
            Object[] cells = new Object[LATENESS_PERCENTILES.length + 3];
            cells[0] = t.target();
            for (int i = 0; i < LATENESS_PERCENTILES.length; i++) {
                cells[i + 1] = ReportNumbers.ms(l.at(LATENESS_PERCENTILES[i]));
            }
            cells[cells.length - 2] = ReportNumbers.ms(l.maxMillis());
            cells[cells.length - 1] = ReportNumbers.count(l.count());
            table.row(cells);
        }
        return table.render();
    }

    /** Per target and endpoint, latency from the intended start. */
    static Html.Safe endpointLatency(List<TargetSummary> targets) {
        HtmlTable table = new HtmlTable("endpoint-latency").text("Target").text("Endpoint");
        for (double p : ENDPOINT_PERCENTILES) {
            table.num(ReportNumbers.percentileLabel(p) + " ms");
        }
        table.num("Max ms").num("Count");
        for (TargetSummary t : targets) {
            for (EndpointSummary e : orEmpty(t.endpoints())) {
                LatencySummary l = orEmpty(e.latency());
                Object[] cells = new Object[ENDPOINT_PERCENTILES.length + 4];
                cells[0] = t.target();
                cells[1] = Html.tag("code", null, e.endpoint());
                for (int i = 0; i < ENDPOINT_PERCENTILES.length; i++) {
                    cells[i + 2] = ReportNumbers.ms(l.at(ENDPOINT_PERCENTILES[i]));
                }
                cells[cells.length - 2] = ReportNumbers.ms(l.maxMillis());
                cells[cells.length - 1] = ReportNumbers.count(l.count());
                table.row(cells);
            }
        }
        return table.render();
    }

    /** Every scheduled request's outcome per target (total first, then each endpoint) and whether they add up. */
    static Html.Safe outcomes(List<TargetSummary> targets) {
        HtmlTable table = new HtmlTable("outcomes").text("Target").text("Endpoint")
                .num("Scheduled").num("2xx").num("3xx").num("4xx").num("5xx").num("Timeout")
                .num("Connection error").num("Not sent").num("Error rate").text("Check");
        for (TargetSummary t : targets) {
            table.classedRow("total", outcomeRow(t.target(), Html.raw("<strong>all endpoints</strong>"), t.counts()));
            for (EndpointSummary e : orEmpty(t.endpoints())) {
                table.row(outcomeRow(t.target(), Html.tag("code", null, e.endpoint()), e.counts()));
            }
        }
        return table.render();
    }

    /** The adds-up mark: every scheduled request ended in exactly one outcome, or it did not. */
    static Html.Safe addsUpMark(OutcomeCounts c) {
        if (c.addsUp()) {
            return Html.raw("<span class=\"ok\">adds up ✓</span>");
        }
        return Html.tag("span", "bad", "does NOT add up ✗ (" + ReportNumbers.count(c.accounted())
                + " outcomes for " + ReportNumbers.count(c.scheduled()) + " scheduled)");
    }

    static String decisionClass(Decision d) {
        return d == null ? "inconclusive" : d.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Html.Safe decisionBadge(Decision d) {
        return Html.tag("span", "badge " + decisionClass(d), d == null ? "?" : d.name());
    }

    private static Object[] latencyRow(String target, String from, LatencySummary summary) {
        LatencySummary l = orEmpty(summary);
        double[] ps = LatencySummary.PERCENTILES;
        Object[] cells = new Object[ps.length + 5];
        cells[0] = target;
        cells[1] = from;
        for (int i = 0; i < ps.length; i++) {
            cells[i + 2] = ReportNumbers.ms(l.at(ps[i]));
        }
        cells[ps.length + 2] = ReportNumbers.ms(l.meanMillis());
        cells[ps.length + 3] = ReportNumbers.ms(l.maxMillis());
        cells[ps.length + 4] = ReportNumbers.count(l.count());
        return cells;
    }

    private static Object[] outcomeRow(String target, Html.Safe endpoint, OutcomeCounts counts) {
        OutcomeCounts c = counts == null ? OutcomeCounts.EMPTY : counts;
        return new Object[] {target, endpoint,
            ReportNumbers.count(c.scheduled()), ReportNumbers.count(c.status2xx()), ReportNumbers.count(c.status3xx()),
            ReportNumbers.count(c.status4xx()), ReportNumbers.count(c.status5xx()), ReportNumbers.count(c.timeouts()),
            ReportNumbers.count(c.connectionErrors()), ReportNumbers.count(c.notSent()),
            c.judged() == 0 ? Html.DASH : ReportNumbers.percent(c.errorRate()), addsUpMark(c)};
    }

    private static String interval(Interval i, String unit) {
        if (i == null) {
            return Html.DASH;
        }
        return "[" + ReportNumbers.inUnit(i.lower(), unit) + ", " + ReportNumbers.inUnit(i.upper(), unit) + "] at "
                + ReportNumbers.confidence(i.confidence()) + (i.method() == null ? "" : " (" + i.method() + ")");
    }

    private static LatencySummary orEmpty(LatencySummary l) {
        return l == null ? LatencySummary.EMPTY : l;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
