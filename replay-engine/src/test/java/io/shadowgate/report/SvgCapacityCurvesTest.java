package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.judge.CapacityBudget;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.CapacityKnees;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.metrics.WindowSample;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The capacity charts as a browser's XML parser reads them: parsed, never matched as text. */
class SvgCapacityCurvesTest {

    private static final String BASELINE_COLOUR = SvgChart.targetColour(0);
    private static final String CANDIDATE_COLOUR = SvgChart.targetColour(1);

    /**
     * Ten 5 s windows at 300 … 3000 req/s; the baseline's p99 stays at 20 ms, the candidate's is
     * 10 ms + 0.03 ms per req/s (over 50 ms from 1500 req/s); 0.5 % errors for the baseline, the
     * candidate's error rate rate / 150,000.
     */
    private static List<CapacityCurves> ramp() {
        List<WindowSample> windows = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            double rate = 300 * (j + 1);
            long n = Math.round(rate * 5);
            windows.add(new WindowSample(j, j * 5_000_000_000L, (j + 1) * 5_000_000_000L, spread(n, 20),
                    spread(n, 10 + 0.03 * rate), counts(n, n / 200), counts(n, Math.round(n * rate / 150_000)),
                    PairedLatencies.EMPTY));
        }
        return CapacityKnees.find(windows, List.of(CapacityBudget.latency(99, 50), CapacityBudget.errorRate(0.01)),
                0.99, 200);
    }

    @Test
    void eachBudgetGetsAChartWithBothVersionsTheirBandsKneesAndTheBudgetLine() throws Exception {
        Document page = parse(SvgCapacityCurves.render(ramp(), "baseline v1.4", "candidate v1.5").html());

        NodeList charts = page.getElementsByTagName("svg");
        assertThat(charts.getLength()).isEqualTo(2);
        for (int i = 0; i < charts.getLength(); i++) {
            Element svg = (Element) charts.item(i);
            assertThat(texts(svg)).anyMatch(t -> t.startsWith("baseline v1.4: knee"))
                    .anyMatch(t -> t.startsWith("candidate v1.5: knee"))
                    .anyMatch(t -> t.startsWith("budget "));
            assertThat(attributes(svg, "polygon", "fill")).contains(BASELINE_COLOUR, CANDIDATE_COLOUR);
            // The budget: a dashed red line across the plot.
            assertThat(dashedStrokes(svg)).contains("#cf222e");
            // Knee intervals: one bar each, its tooltip the knee's statement.
            assertThat(titles(svg)).anyMatch(t -> t.startsWith("candidate v1.5: knee at about"))
                    .anyMatch(t -> t.startsWith("baseline v1.4: knee above 3000 req/s"));
        }
        assertThat(texts((Element) charts.item(0))).contains("budget 50 ms", "50 ms");
        assertThat(texts((Element) charts.item(1))).contains("budget 1%");
        assertThat(page.getElementsByTagName("figcaption").item(0).getTextContent())
                .isEqualTo("Capacity: latency p99 against 50.0 ms, by offered rate");
    }

    @Test
    void hostileVersionNamesAreCleanedAndEscaped() throws Exception {
        String hostile = String.join(" ", HostileResults.CORPUS);

        String html = SvgCapacityCurves.render(ramp(), hostile, "<img src=x onerror=alert(1)>").html();
        Document page = parse(html);

        assertThat(page.getElementsByTagName("script").getLength()).isZero();
        assertThat(page.getElementsByTagName("img").getLength()).isZero();
        assertThat(page.getElementsByTagName("injected").getLength()).isZero();
        Element svg = (Element) page.getElementsByTagName("svg").item(0);
        // The names survive as text, control characters replaced.
        assertThat(texts(svg)).anyMatch(t -> t.startsWith("<script>alert(1)</script> ]]><injected attr=\"1\"/>"))
                .anyMatch(t -> t.startsWith("<img src=x onerror=alert(1)>: knee"));
        assertThat(html).doesNotContain("\u0000", "\u001B");
    }

    @Test
    void noBudgetsGiveANote() {
        assertThat(SvgCapacityCurves.render(List.of(), "b", "c").html())
                .isEqualTo("<p class=\"muted\">No capacity budgets were set.</p>");
    }

    @Test
    void longRampsKeepTheirBandsEnvelope() {
        int n = 1_000;
        double[] xs = new double[n];
        double[] lows = new double[n];
        double[] highs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            lows[i] = i == 333 ? -5 : 1;
            highs[i] = i == 777 ? 50 : 2;
        }
        lows[500] = Double.NaN;

        double[][] drawn = SvgChart.envelope(xs, lows, highs, 600);

        assertThat(drawn[0]).hasSize(600).isSorted();
        assertThat(drawn[1]).contains(-5.0);
        assertThat(drawn[2]).contains(50.0);
        // A point without bounds leaves its bucket's others to speak for it.
        assertThat(drawn[1]).doesNotContain(Double.NaN);
    }

    private static Histogram spread(long n, double p99Ms) {
        Histogram h = Histograms.newHistogram();
        for (long i = 1; i <= n; i++) {
            h.recordValue(Math.max(1, Math.round(i * p99Ms / 0.99 * 1_000 / n)));
        }
        return h;
    }

    private static OutcomeCounts counts(long n, long errors) {
        return new OutcomeCounts(n, n - errors, 0, 0, errors, 0, 0, 0);
    }

    private static Document parse(String fragment) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<root>" + fragment + "</root>").getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Element svg) {
        return contents(svg, "text");
    }

    private static List<String> titles(Element svg) {
        return contents(svg, "title");
    }

    private static List<String> contents(Element svg, String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> attributes(Element svg, String tag, String attribute) {
        List<String> out = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        return out;
    }

    private static List<String> dashedStrokes(Element svg) {
        List<String> out = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("polyline");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (!e.getAttribute("stroke-dasharray").isEmpty()) {
                out.add(e.getAttribute("stroke"));
            }
        }
        return out;
    }
}
