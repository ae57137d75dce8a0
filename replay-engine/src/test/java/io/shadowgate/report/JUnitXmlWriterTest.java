package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml as CI servers read it: parsed with the JDK's DOM parser, never as text. */
class JUnitXmlWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesJunitXmlIntoTheDirectory() throws IOException {
        Path dir = tmp.resolve("reports/run-1");

        Path written = new JUnitXmlWriter().write(RunResultFixture.noGo(), dir);

        assertThat(written).isEqualTo(dir.resolve("junit.xml")).isRegularFile();
        assertThat(Files.readString(written)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
    }

    @Test
    void oneTestCasePerGatePlusTheAccountingAndTheCountsAddUp() throws Exception {
        RunResult result = RunResultFixture.noGo();
        Element suite = suite(parse(result));

        List<GateResult> gates = result.verdict().gates();
        List<Element> cases = children(suite, "testcase");
        assertThat(cases).hasSize(gates.size() + 1);
        long noGo = gates.stream().filter(g -> g.decision() == Decision.NO_GO).count();
        long inconclusive = gates.stream().filter(g -> g.decision() == Decision.INCONCLUSIVE).count();
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(cases.size()));
        assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(noGo))
                .isEqualTo(Long.toString(cases.stream().filter(c -> has(c, "failure")).count()));
        assertThat(suite.getAttribute("skipped")).isEqualTo(Long.toString(inconclusive))
                .isEqualTo(Long.toString(cases.stream().filter(c -> has(c, "skipped")).count()));
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        Element root = (Element) suite.getParentNode();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        for (String count : List.of("tests", "failures", "errors", "skipped", "time")) {
            assertThat(root.getAttribute(count)).as(count).isEqualTo(suite.getAttribute(count));
        }
        // The run's own times: 5 min 0.250 s from its start, in UTC without a zone as the schema has it.
        assertThat(suite.getAttribute("time")).isEqualTo("300.250");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2024-05-01T12:00:00");
        assertThat(suite.getAttribute("name")).isEqualTo("shadowgate.rollback v41 -> v40 & friends");
        for (int i = 0; i < gates.size(); i++) {
            GateResult g = gates.get(i);
            Element c = cases.get(i);
            assertThat(c.getAttribute("classname")).isEqualTo("shadowgate.rollback v41 -> v40 & friends");
            assertThat(c.getAttribute("name")).isEqualTo(g.gate() + " [" + g.scope() + "]");
            assertThat(has(c, "failure")).as(c.getAttribute("name")).isEqualTo(g.decision() == Decision.NO_GO);
            assertThat(has(c, "skipped")).as(c.getAttribute("name")).isEqualTo(g.decision() == Decision.INCONCLUSIVE);
            if (g.decision() == Decision.GO) {
                assertThat(c.getChildNodes().getLength()).as("a GO gate is an empty test case").isZero();
            }
        }
        Element accounting = cases.get(cases.size() - 1);
        assertThat(accounting.getAttribute("name")).isEqualTo("outcome accounting");
        assertThat(accounting.getChildNodes().getLength()).isZero();
    }

    @Test
    void aNoGoGateFailsWithItsReasonRuleAndInterval() throws Exception {
        Map<String, Element> cases = byName(suite(parse(RunResultFixture.noGo())));

        Element errors = child(cases.get("error rate increase [all]"), "failure");
        assertThat(errors.getAttribute("type")).isEqualTo("NO_GO");
        assertThat(errors.getAttribute("message")).isEqualTo(RunResultFixture.ERROR_REASON);
        assertThat(errors.getTextContent())
                .contains(RunResultFixture.ERROR_REASON)
                .contains("rule: lower bound of the 99% interval > 0.005")
                .contains("interval: [+1.58 pp, +3.98 pp] at 99% (Newcombe hybrid score)")
                .contains("estimate: +2.70 pp, limit: +0.500 pp")
                .contains("baseline: 0.600%, candidate: 3.30%");
        // Decided on the point estimate: the body says there is no interval rather than leaving it out.
        Element p99 = child(cases.get("latency p99 increase [all]"), "failure");
        assertThat(p99.getAttribute("message")).isEqualTo(RunResultFixture.P99_REASON);
        assertThat(p99.getTextContent()).contains("interval: none (the rule uses the point estimate)");
        // The window's NO_GO gate is a test case of its own.
        assertThat(child(cases.get("latency p99 increase [window 10-20 s]"), "failure").getAttribute("type"))
                .isEqualTo("NO_GO");
        Element skipped = child(cases.get("latency p99.9 budget [" + RunResultFixture.HOSTILE_ENDPOINT + "]"), "skipped");
        assertThat(skipped.getAttribute("message")).startsWith("no responses for this endpoint at the candidate");
        assertThat(skipped.getTextContent()).contains("rule: fewer than 200 responses at a target: no decision");
    }

    @Test
    void propertiesCarryTheRunIdentity() throws Exception {
        Map<String, String> p = properties(suite(parse(RunResultFixture.noGo())));

        assertThat(p).containsEntry("decision", "NO_GO")
                .containsEntry("scenario", "rollback v41 -> v40 & friends")
                .containsEntry("scenarioFile", "scenarios/rollback<v40>.yaml")
                .containsEntry("scenarioSha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .containsEntry("traffic.sha256", "ab".repeat(32))
                .containsEntry("traffic.records", "120000")
                .containsEntry("targetVersion.baseline", "model-v41")
                .containsEntry("targetVersion.candidate", "model-v40 <rollback>")
                .containsEntry("seed", "42")
                .containsEntry("toolVersion", "0.1.0-SNAPSHOT")
                .containsEntry("partial", "false")
                .containsEntry("started", "2024-05-01T12:00:00Z")
                .containsEntry("command", "shadowgate run 'scenarios/rollback<v40>.yaml' --seed 42 --out \"reports/a&b\"")
                .containsEntry("schemaVersion", "1");
        assertThat(properties(suite(parse(RunResultFixture.partial())))).containsEntry("partial", "true");
    }

    @Test
    void countsThatDoNotAddUpFailTheAccountingTestCase() throws Exception {
        Element suite = suite(parse(RunResultFixture.brokenCounts()));

        Element failure = child(byName(suite).get("outcome accounting"), "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("COUNTS_DO_NOT_ADD_UP");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("outcome counts do not add up: candidate: 1,001 outcomes for 1,000 scheduled (2xx 961, "
                        + "3xx 2, 4xx 5, 5xx 8, timeouts 22, connection errors 3, not sent 0)");
        long noGoGates = RunResultFixture.brokenCounts().verdict().gates().stream()
                .filter(g -> g.decision() == Decision.NO_GO).count();
        assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(noGoGates + 1));
    }

    @Test
    void aWindowsNoGoGateMissingFromTheVerdictsGatesIsStillATestCase() throws Exception {
        RunResult r = RunResultFixture.noGo();
        List<GateResult> withoutWindows = r.verdict().gates().stream().filter(g -> !g.scope().startsWith("window")).toList();
        RunResult handMade = new RunResult(r.schemaVersion(), r.info(), new Verdict(r.verdict().decision(), withoutWindows,
                r.verdict().reasons(), r.verdict().windows()), r.targets(), r.responses());

        Map<String, Element> cases = byName(suite(parse(handMade)));

        assertThat(cases).containsKey("latency p99 increase [window 10-20 s]")
                // A window's GO says only that the window looked fine: not a test case.
                .doesNotContainKey("latency p99 increase [window 0-10 s]");
        assertThat(cases).hasSize(r.verdict().gates().size() + 1);
        WindowVerdict noGoWindow = r.verdict().windows().get(1);
        assertThat(noGoWindow.decision()).isEqualTo(Decision.NO_GO);
    }

    @Test
    void hostileTextSurvivesAsInertText() throws Exception {
        RunResult hostile = HostileResults.hostile();
        byte[] bytes = JUnitXmlWriter.render(hostile);
        String raw = new String(bytes, StandardCharsets.UTF_8);

        // Well-formed, with no markup of its own: the parser would have failed, or these would be elements.
        Element suite = suite(parse(bytes));
        assertThat(suite.getElementsByTagName("script").getLength()).isZero();
        assertThat(suite.getElementsByTagName("injected").getLength()).isZero();
        assertThat(suite.getElementsByTagName("img").getLength()).isZero();
        // A gate per string, the fixture's NO_GO window gate (not among these gates), the accounting.
        assertThat(children(suite, "testcase")).hasSize(HostileResults.CORPUS.size() + 2);
        assertThat(raw).doesNotContain("<script").doesNotContain("]]>").doesNotContain("<injected")
                .doesNotContain("<!--").doesNotContain("<![CDATA").doesNotContain("\u202E");
        assertThat(raw.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')).as("control characters").isEmpty();

        List<String> names = children(suite, "testcase").stream().map(c -> c.getAttribute("name")).toList();
        assertThat(names).contains("<script>alert(1)</script> [<script>alert(1)</script>]",
                "]]><injected attr=\"1\"/> []]><injected attr=\"1\"/>]",
                "\"double\" 'single' </testcase><testcase name=\"x\"> [\"double\" 'single' </testcase><testcase name=\"x\">]",
                // Control characters and what XML cannot hold become U+FFFD; the bidi controls are shown.
                "ctl\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFDend [ctl\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFDend]",
                "bidi ‹U+202E›gnp.exe‹U+202C› and ‹U+2066›isolate‹U+2069› [bidi ‹U+202E›gnp.exe‹U+202C› and ‹U+2066›isolate‹U+2069›]",
                "lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00 kept [lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00 kept]",
                "\uFFFD\uFFFD nonchars [\uFFFD\uFFFD nonchars]",
                // Line breaks in an attribute are spaces, as a parser would make them anyway.
                "line1 line2  # heading - item  | x | y | [line1 line2  # heading - item  | x | y |]");
        // In an element's text the line breaks stay (a parser reads CR LF as LF).
        Element failure = children(suite, "testcase").stream()
                .filter(c -> c.getAttribute("name").startsWith("line1")).map(c -> firstChild(c)).findFirst().orElseThrow();
        assertThat(failure.getTextContent()).startsWith("reason line1\nline2\n# heading\n- item\n\n| x | y |\n")
                .contains("(line1\nline2\n# heading");
        assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("  <script>alert(1)</script>\n").contains("]]><injected attr=\"1\"/>");
    }

    @Test
    void tenThousandGatesAreTenThousandTestCases() throws Exception {
        Element suite = suite(parse(JUnitXmlWriter.render(HostileResults.huge(10_000, "gate "))));

        assertThat(suite.getAttribute("tests")).isEqualTo("10001");
        // Half the gates are NO_GO, and the endpoints' counts do not add up.
        assertThat(suite.getAttribute("failures")).isEqualTo("5001");
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(10_001);
    }

    private static Document parse(RunResult result) throws Exception {
        return parse(JUnitXmlWriter.render(result));
    }

    /** The JDK's DOM parser, hardened as a CI server's should be: no DTDs, no external entities. */
    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Element suite(Document doc) {
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
        List<Element> suites = children(doc.getDocumentElement(), "testsuite");
        assertThat(suites).hasSize(1);
        return suites.get(0);
    }

    private static Map<String, Element> byName(Element suite) {
        Map<String, Element> out = new LinkedHashMap<>();
        children(suite, "testcase").forEach(c -> assertThat(out.put(c.getAttribute("name"), c))
                .as("test case names are unique").isNull());
        return out;
    }

    private static Map<String, String> properties(Element suite) {
        Map<String, String> out = new LinkedHashMap<>();
        children(child(suite, "properties"), "property").forEach(p -> out.put(p.getAttribute("name"), p.getAttribute("value")));
        return out;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        assertThat(found).as("<%s> in <%s>", tag, parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    private static Element firstChild(Element parent) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no child element in " + parent.getAttribute("name"));
    }

    private static boolean has(Element parent, String tag) {
        return !children(parent, tag).isEmpty();
    }
}
