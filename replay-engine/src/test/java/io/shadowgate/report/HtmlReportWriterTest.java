package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.TargetSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndReturnsTheFileWritten() throws IOException {
        Path dir = tmp.resolve("reports/run-1");

        Path written = new HtmlReportWriter().write(RunResultFixture.noGo(), dir);

        assertThat(written).isEqualTo(dir.resolve("index.html")).isRegularFile();
        assertThat(Files.readString(written, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void bannerShowsTheVerdictAndTheDecidingReasons() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(html).contains("<header class=\"banner no-go\">").contains("<h1>NO_GO</h1>")
                .contains("<li>error rate rose 2.7 points; limit 0.5 points</li>")
                .contains("<li>p99 rose 49.2% over the baseline; limit 10%&quot;&gt;&lt;img");
        assertThat(html).doesNotContain("PARTIAL RUN");
    }

    @Test
    void aPartialRunIsMarkedAsSuch() throws IOException {
        assertThat(render(RunResultFixture.partial())).contains("PARTIAL RUN")
                .contains("partial: interrupted before the schedule ended");
    }

    @Test
    void runIdentityIsShownAndEscaped() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(html)
                .contains("rollback v41 -&gt; v40 &amp; friends")
                .contains("<code>scenarios/rollback&lt;v40&gt;.yaml</code>")
                .contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .contains("<dt>Seed</dt><dd>42</dd>")
                .contains("<dt>Mode</dt><dd>shadow</dd>")
                .contains("2024-05-01T12:00:00Z")
                .contains("2024-05-01T12:05:00.250Z (5 min 0.250 s)")
                .contains("complete: the whole schedule ran")
                .contains("shadowgate run &#39;scenarios/rollback&lt;v40&gt;.yaml&#39; --seed 42 --out &quot;reports/a&amp;b&quot;")
                .contains("model-v40 &lt;rollback&gt;")
                // What the candidate said it was, not only what the scenario says it is.
                .contains("candidate reported model-v40 &lt;rollback&gt; in ")
                .contains("http://127.0.0.1:40124/&quot;quoted&quot;");
    }

    @Test
    void gateTableHasOneRowPerGateWithItsEvidence() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(row(html, "latency p50 increase")).startsWith("<tr class=\"go\">")
                .contains("<td class=\"num\">11.5 ms</td><td class=\"num\">15.3 ms</td><td class=\"num\">+32.6%</td>")
                .contains("[+21.0%, +44.0%] at 99% (bootstrap percentile)")
                .contains("+50.0%");
        // The NO_GO gate decided on a point estimate: no interval, shown as a dash.
        assertThat(row(html, "latency p99 increase")).startsWith("<tr class=\"no-go\">")
                .contains("<td class=\"num\">+49.2%</td><td>—</td><td class=\"num\">+10.0%</td>")
                .contains("candidate p99 / baseline p99 - 1 &gt; 0.10 (point estimate)");
        assertThat(row(html, "error rate increase")).startsWith("<tr class=\"no-go\">")
                .contains("<td class=\"num\">0.600%</td><td class=\"num\">3.30%</td><td class=\"num\">+2.70 pp</td>")
                .contains("[+1.58 pp, +3.98 pp] at 99% (Newcombe hybrid score)");
        // Nothing to compare: NaN everywhere but the limit.
        assertThat(row(html, "latency p99.9 budget")).startsWith("<tr class=\"inconclusive\">")
                .contains("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td><td>—</td>")
                .contains("<td class=\"num\">250 ms</td>");
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void latencyTablesShowEveryPercentileForBothMeasurements() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(html).contains("<th class=\"num\">p50 ms</th>").contains("<th class=\"num\">p99.99 ms</th>")
                .contains("<th class=\"num\">Mean ms</th>").contains("<th class=\"num\">Max ms</th>");
        assertThat(html).contains("<tr><td>baseline</td><td>intended start</td><td class=\"num\">11.5</td>")
                .contains("<tr><td>baseline</td><td>actual send (service time)</td><td class=\"num\">10.7</td>")
                .contains("<tr><td>candidate</td><td>intended start</td><td class=\"num\">15.3</td>");
        // Lateness: p50, p99, p99.9, max, count.
        assertThat(html).contains("Schedule lateness")
                .contains("<tr><td>candidate</td><td class=\"num\">0.0700</td><td class=\"num\">1.40</td>"
                        + "<td class=\"num\">5.58</td><td class=\"num\">9.75</td><td class=\"num\">1,000</td></tr>");
        // The candidate's hostile endpoint had no responses: dashes, not NaN or zero.
        assertThat(html).contains("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td>"
                + "<td class=\"num\">—</td><td class=\"num\">0</td></tr>");
    }

    @Test
    void outcomeTableCountsEveryOutcomeAndSaysWhetherTheyAddUp() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(html).contains("<th class=\"num\">Timeout</th>").contains("<th class=\"num\">Connection error</th>")
                .contains("<th class=\"num\">Not sent</th>");
        assertThat(row(html, "candidate</td><td><strong>all endpoints"))
                .contains("<td class=\"num\">1,000</td><td class=\"num\">960</td><td class=\"num\">2</td>"
                        + "<td class=\"num\">5</td><td class=\"num\">8</td><td class=\"num\">22</td>"
                        + "<td class=\"num\">3</td><td class=\"num\">0</td><td class=\"num\">3.30%</td>")
                .contains("adds up ✓");
        assertThat(html).doesNotContain("does NOT add up");
        // Two targets, each a total row and two endpoints.
        assertThat(count(html, "adds up ✓")).isEqualTo(6);
    }

    @Test
    void countsThatDoNotAddUpAreFlagged() throws IOException {
        String html = render(RunResultFixture.brokenCounts());

        assertThat(html).contains("does NOT add up ✗ (1,001 outcomes for 1,000 scheduled)");
    }

    @Test
    void overTimeDrawsLatencyThroughputAndErrorRateWithALinePerTarget() throws IOException {
        String series = section(render(RunResultFixture.noGo()), "series");

        assertThat(count(series, "<svg ")).isEqualTo(4);
        assertThat(series).contains("Latency p99 from intended start").contains("Latency p50 from intended start")
                .contains("Throughput, responses per second").contains("Error rate, % of requests")
                .contains("One point per interval of about 1 s.");
        // Baseline and candidate in their colours on every chart; the candidate's p99 has a gap
        // (an interval without responses), so a lone first point is drawn as a dot.
        assertThat(count(series, "stroke=\"" + SvgChart.targetColour(0) + "\" points=")).isEqualTo(4);
        assertThat(series).contains("<circle").contains("stroke=\"" + SvgChart.targetColour(1) + "\" points=");
        // Five seconds of series: a tick every second.
        assertThat(series).contains(">0</text>").contains(">1 s</text>").contains(">5 s</text>");
        assertThat(series).doesNotContain("NaN");
    }

    @Test
    void aTargetWithoutASeriesIsNamedAndAnEmptyRunSaysSo() throws IOException {
        String oneEmpty = section(render(RunResultFixture.brokenCounts()), "series");
        assertThat(count(oneEmpty, "<svg ")).isEqualTo(4);
        assertThat(oneEmpty).contains("candidate (no responses over time)").contains("candidate (no series)");

        RunResult r = RunResultFixture.noGo();
        List<TargetSummary> bare = r.targets().stream().map(t -> new TargetSummary(t.target(), t.address(), t.counts(),
                t.latency(), t.service(), t.lateness(), t.endpoints(), List.of())).toList();
        String none = render(new RunResult(r.schemaVersion(), r.info(), r.verdict(), bare, r.responses()));
        assertThat(section(none, "series")).contains("No time series was recorded.").doesNotContain("<svg");
    }

    @Test
    void spectrumDrawsEveryPercentileOfBothMeasurementsForBothTargets() throws IOException {
        String latency = section(render(RunResultFixture.noGo()), "latency");
        String spectrum = latency.substring(latency.indexOf("<figure"), latency.indexOf("</figure>"));

        assertThat(spectrum).contains("Latency percentile spectrum")
                .contains(">p50</text>").contains(">p90</text>").contains(">p99</text>").contains(">p99.9</text>")
                .contains(">p99.99</text>");
        // Log latency axis: round decades from below the fastest p50 to above the slowest p99.99.
        assertThat(spectrum).contains(">10 ms</text>").contains(">100 ms</text>").contains(">1000 ms</text>");
        // Four lines, service time dashed, each with a dot per percentile and its value on hover.
        assertThat(count(spectrum, "<polyline")).isEqualTo(4);
        assertThat(count(spectrum, "stroke-dasharray=\"5 3\" points=")).isEqualTo(2);
        assertThat(count(spectrum, "<circle")).isEqualTo(4 * LatencySummary.PERCENTILES.length);
        assertThat(spectrum).contains("<title>candidate, intended start: p99.9 = 1087 ms</title>")
                .contains("<title>baseline, service time: p50 = 10.7 ms</title>")
                .contains("baseline, intended start</text>").contains("candidate, service time</text>");
    }

    @Test
    void spectrumPlacesPercentilesByTheirNines() {
        assertThat(SvgPercentileSpectrum.nines(90)).isCloseTo(1, within(1e-12));
        assertThat(SvgPercentileSpectrum.nines(99)).isCloseTo(2, within(1e-12));
        assertThat(SvgPercentileSpectrum.nines(99.99)).isCloseTo(4, within(1e-9));
        assertThat(SvgPercentileSpectrum.nines(50)).isCloseTo(Math.log10(2), within(1e-12));
    }

    @Test
    void aTargetWithoutLatencyIsLeftOutOfTheSpectrum() throws IOException {
        RunResult r = RunResultFixture.noGo();
        TargetSummary c = r.targets().get(1);
        List<TargetSummary> targets = List.of(r.targets().get(0), new TargetSummary(c.target(), c.address(), c.counts(),
                LatencySummary.EMPTY, null, c.lateness(), c.endpoints(), c.series()));
        String latency = section(render(new RunResult(r.schemaVersion(), r.info(), r.verdict(), targets,
                r.responses())), "latency");

        assertThat(count(latency, "<polyline")).isEqualTo(2);
        assertThat(latency).contains("candidate, intended start (no data)").doesNotContain("NaN");
    }

    /**
     * A two-hour run of a million requests over 50 endpoints, judged on every endpoint and every
     * 10 s window, the responses of every endpoint differing: the worst case for the page's size
     * (example pairs are capped per page, runs of equal windows share a cell).
     */
    @Test
    void aMillionRequestRunOverTwoHoursRendersUnderTwoMegabytes() throws IOException {
        RunResult large = HtmlTestRuns.large(1_000_000, 7_200, 50, 50);

        Path file = new HtmlReportWriter().write(large, tmp);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(Files.size(file)).as("index.html bytes").isLessThan(2L * 1024 * 1024);
        // Every line drawn from at most 600 points, not one per second.
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(html);
        int lines = 0;
        while (points.find()) {
            assertThat(points.group(1).split(" ")).hasSizeLessThanOrEqualTo(SvgChart.MAX_POINTS);
            lines++;
        }
        assertThat(lines).as("polylines: 4 in the spectrum, 2 per chart over time at least").isGreaterThanOrEqualTo(12);
        assertThat(section(html, "series")).contains("Intervals of about 1 s, 7,200 of them")
                .contains("lowest and highest value of every 24 intervals").contains(">2 h</text>");
        assertThat(html).contains("<h1>NO_GO</h1>");
    }

    /** However long the run, the charts stay a few kilobytes a line: a day at one point a second. */
    @Test
    void chartsOverTimeStayTheSameSizeHoweverLongTheRun() {
        List<TargetSummary> hours = HtmlTestRuns.large(1_000_000, 7_200, 1, 0).targets();
        List<TargetSummary> day = HtmlTestRuns.large(10_000_000, 86_400, 1, 0).targets();

        int twoHours = SvgTimeSeries.render(hours).html().length();
        int wholeDay = SvgTimeSeries.render(day).html().length();

        assertThat(wholeDay).isLessThan(100 * 1024).isLessThan(twoHours * 11 / 10);
    }

    @Test
    void gatesOverTimeShowEachWindowAndListTheNoGoOnes() throws IOException {
        String html = render(RunResultFixture.noGo());
        String section = html.substring(html.indexOf("<section id=\"windows\">"));
        section = section.substring(0, section.indexOf("</section>"));

        assertThat(section).contains("2 windows of 10 s, each judged on its own traffic")
                .contains("1 window(s) NO_GO, listed below.")
                // One cell per window and gate, red for the NO_GO window, its reason on hover.
                .contains("fill=\"#1a7f37\"><title>window 0-10 s: GO")
                .contains("fill=\"#cf222e\"><title>window 10-20 s: NO_GO")
                .contains("<td>window 10-20 s</td>")
                .contains("+98.3%");
    }

    @Test
    void aRunJudgedAsAWholeSaysSoInsteadOfDrawingWindows() throws IOException {
        RunResult r = RunResultFixture.noGo();
        var v = r.verdict();
        RunResult whole = new RunResult(r.schemaVersion(), r.info(),
                new io.shadowgate.judge.Verdict(v.decision(), v.gates(), v.reasons()), r.targets());
        assertThat(render(whole)).contains("The run was judged as a whole only");
    }

    @Test
    void responseDifferencesShowPathsNoiseExamplesAndTheContract() throws IOException {
        String html = render(RunResultFixture.noGo());
        String responses = section(html, "responses");
        assertThat(responses).contains("each request was also sent to the baseline a second time")
                .contains("<code>$.score</code>").contains("<code>$.traceId</code>")
                .contains("badge inconclusive\">noise</span>")
                // Noisy paths come with the ignore rule to paste.
                .contains("ignore: [&#39;$.traceId&#39;]")
                // Example pairs side by side, the differing values marked.
                .contains("<div class=\"panes\">").contains("<mark>");
        String contract = section(html, "contract");
        assertThat(contract).contains("breaking").contains("<code>$.score</code>")
                .contains("Accepted by the baseline (2xx), rejected by the candidate (4xx)").contains("422 × 1");
        assertThat(section(html, "models")).contains("/v1/predict").contains("1 of 11");
    }

    @Test
    void aScriptPlantedInAResponseBodyIsInertText() throws IOException {
        String html = render(RunResultFixture.noGo());
        assertThat(html).doesNotContain(RunResultFixture.HOSTILE_BODY_TAIL)
                .contains("&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;");
    }

    @Test
    void aRunThatFellBehindSaysWhyAboveTheLatenessTableAndOneThatKeptItsScheduleSaysSo() throws IOException {
        RunResult r = RunResultFixture.noGo();
        String behind = section(render(r.withPace(RunResultFixture.fellBehind("<b>hand-edited</b>"))), "latency");
        String kept = section(render(r.withPace(RunResultFixture.keptPace())), "latency");

        assertThat(behind).contains("<p class=\"bad\">The replay fell behind its schedule")
                .contains("&lt;b&gt;hand-edited&lt;/b&gt;").doesNotContain("<b>");
        assertThat(behind.indexOf("class=\"bad\"")).isLessThan(behind.indexOf("<table class=\"lateness\""));
        assertThat(kept).contains("The schedule was kept: lateness p99 0.250 ms, within 10.0 ms. 400 requests/s "
                + "planned, 400 sent.");
        assertThat(section(render(r), "latency")).doesNotContain("The schedule was kept").doesNotContain("fell behind");
    }

    private static String section(String html, String id) {
        String s = html.substring(html.indexOf("<section id=\"" + id + "\">"));
        return s.substring(0, s.indexOf("</section>"));
    }

    @Test
    void trafficAndUserStringsAppearOnlyEscaped() throws IOException {
        String html = render(RunResultFixture.noGo());

        assertThat(html).doesNotContain(RunResultFixture.HOSTILE_ENDPOINT)
                .doesNotContain(RunResultFixture.HOSTILE_REASON_TAIL)
                .doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void referencesNothingOnTheNetwork() throws IOException {
        String html = render(RunResultFixture.noGo()).toLowerCase(java.util.Locale.ROOT);

        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("<link")
                .doesNotContain("<script").doesNotContain("<iframe");
        assertThat(html).contains("content-security-policy").contains("default-src 'none'");
    }

    @Test
    void tagsAreBalanced() throws IOException {
        String html = render(RunResultFixture.noGo());

        for (String tag : new String[] {"table", "tr", "td", "th", "section", "svg", "figure", "figcaption", "text", "dl", "ul",
            "li", "pre"}) {
            assertThat(count(html, "<" + tag + "[ >]")).as(tag).isEqualTo(count(html, "</" + tag + ">"));
        }
    }

    private String render(RunResult result) throws IOException {
        return Files.readString(new HtmlReportWriter().write(result, tmp), StandardCharsets.UTF_8);
    }

    /** The table row that contains {@code marker}. */
    private static String row(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as("row containing " + marker).isGreaterThanOrEqualTo(0);
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at) + 5);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
