package io.shadowgate.report;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.traffic.TrafficScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml}: the run as a JUnit test report, in the de-facto schema Jenkins,
 * GitLab and GitHub Actions read. One {@code <testsuite>} for the run, its identity in
 * {@code <properties>}; one {@code <testcase>} per gate and scope (a window's NO_GO gates
 * included): GO passes, NO_GO is a {@code <failure type="NO_GO">}, INCONCLUSIVE is
 * {@code <skipped>}; one more, {@value #ACCOUNTING}, fails when a target's outcome counts do not
 * add up.
 *
 * <p>The test cases' class name is {@code shadowgate.<scenario>} with the scenario's dots made
 * underscores, since CI servers split a class name at its last dot into package and class.
 * Written with the JDK's StAX writer, which escapes markup; text from the run is
 * {@link ReportText#clean cleaned} first of what XML 1.0 cannot hold. The bytes depend only on
 * the result (the times are the run's own), so the format is sealed by a golden file.
 * Stateless and thread-safe.
 */
public final class JUnitXmlWriter implements ReportWriter {

    /** The file name of the JUnit report in a result directory. */
    public static final String FILE_NAME = "junit.xml";

    /** The test case that checks that every scheduled request ended in exactly one outcome. */
    static final String ACCOUNTING = "outcome accounting";

    /** Failure type of the accounting test case, beside {@code NO_GO} of the gates. */
    static final String COUNTS_DO_NOT_ADD_UP = "COUNTS_DO_NOT_ADD_UP";

    /** CI servers show a failure's message on one line; the whole text is in the element's body. */
    private static final int MESSAGE_CHARS = 1000;

    /** The schema's timestamp: ISO 8601 without a zone (here always UTC), as Surefire writes it. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public Path write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.write(file, render(result));
        return file;
    }

    /** The whole document, UTF-8. */
    static byte[] render(RunResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            // The JDK's own implementation, whatever StAX provider is on the class path: same bytes everywhere.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            new Document(xml, result).write();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML into memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** One test case: a gate, or the accounting check. */
    private record TestCase(String name, Decision decision, String message, String type, String body) {
    }

    /** One rendering: the run's test cases, then the document around them. */
    private static final class Document {

        private final XMLStreamWriter xml;
        private final RunResult result;
        private final RunInfo info;
        private final String className;

        Document(XMLStreamWriter xml, RunResult result) {
            this.xml = xml;
            this.result = result;
            this.info = result.info();
            String scenario = info == null || info.scenarioName() == null ? "unnamed" : info.scenarioName();
            this.className = "shadowgate." + scenario.replace('.', '_');
        }

        void write() throws XMLStreamException {
            List<TestCase> cases = testCases();
            long failures = cases.stream().filter(c -> c.decision() == Decision.NO_GO).count();
            long skipped = cases.stream().filter(c -> c.decision() == Decision.INCONCLUSIVE).count();
            String time = seconds(info == null ? null : info.started(), info == null ? null : info.finished());

            xml.writeStartDocument("UTF-8", "1.0");
            newline(0);
            xml.writeStartElement("testsuites");
            attribute("name", "shadowgate");
            counts(cases.size(), failures, skipped, time);
            newline(1);
            xml.writeStartElement("testsuite");
            attribute("name", className);
            counts(cases.size(), failures, skipped, time);
            if (info != null && info.started() != null) {
                attribute("timestamp", TIMESTAMP.format(info.started()));
            }
            properties();
            for (TestCase c : cases) {
                testCase(c);
            }
            newline(2);
            element("system-out", systemOut());
            newline(1);
            xml.writeEndElement();
            newline(0);
            xml.writeEndElement();
            newline(0);
            xml.writeEndDocument();
        }

        private void counts(long tests, long failures, long skipped, String time) throws XMLStreamException {
            attribute("tests", Long.toString(tests));
            attribute("failures", Long.toString(failures));
            attribute("errors", "0");
            attribute("skipped", Long.toString(skipped));
            attribute("time", time);
        }

        /** The run's identity: what was compared, with what, and how to tell it was this run. */
        private void properties() throws XMLStreamException {
            Map<String, String> p = new LinkedHashMap<>();
            Verdict verdict = result.verdict();
            p.put("decision", verdict == null || verdict.decision() == null ? null : verdict.decision().name());
            if (info != null) {
                p.put("scenario", info.scenarioName());
                p.put("scenarioFile", info.scenarioFile());
                p.put("scenarioSha256", info.scenarioSha256());
                p.put("toolVersion", info.toolVersion());
                p.put("seed", Long.toString(info.seed()));
                p.put("mode", info.mode());
                p.put("started", info.started() == null ? null : info.started().toString());
                p.put("finished", info.finished() == null ? null : info.finished().toString());
                p.put("partial", Boolean.toString(info.partial()));
                new TreeMap<>(info.targetVersions() == null ? Map.<String, String>of() : info.targetVersions())
                        .forEach((role, version) -> p.put("targetVersion." + role, version));
                new TreeMap<>(info.targetIdentities() == null ? Map.<String, TargetIdentity>of() : info.targetIdentities())
                        .forEach((role, identity) -> {
                            if (identity != null && identity.observes()) {
                                p.put("targetReported." + role, identity.describe(role));
                            }
                        });
                TrafficScan traffic = info.traffic();
                if (traffic != null) {
                    p.put("traffic.source", traffic.source());
                    p.put("traffic.sha256", traffic.sha256());
                    p.put("traffic.sha256Of", traffic.sha256Of());
                    p.put("traffic.records", Long.toString(traffic.records()));
                    p.put("traffic.skipped", Long.toString(traffic.skipped()));
                }
                if (info.earlyStop() != null) {
                    p.put("earlyStop", info.earlyStop().describe());
                }
                p.put("command", info.command());
            }
            p.put("schemaVersion", Integer.toString(result.schemaVersion()));
            newline(2);
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> e : p.entrySet()) {
                if (e.getValue() != null) {
                    newline(3);
                    xml.writeEmptyElement("property");
                    attribute("name", e.getKey());
                    attribute("value", e.getValue());
                }
            }
            newline(2);
            xml.writeEndElement();
        }

        private void testCase(TestCase c) throws XMLStreamException {
            newline(2);
            if (c.decision() == Decision.GO) {
                xml.writeEmptyElement("testcase");
            } else {
                xml.writeStartElement("testcase");
            }
            attribute("classname", className);
            attribute("name", c.name());
            // A gate is judged, not timed; the run's time is on the suite.
            attribute("time", "0");
            if (c.decision() == Decision.GO) {
                return;
            }
            newline(3);
            xml.writeStartElement(c.decision() == Decision.NO_GO ? "failure" : "skipped");
            attribute("message", ReportText.oneLine(c.message(), MESSAGE_CHARS));
            if (c.decision() == Decision.NO_GO) {
                attribute("type", c.type());
            }
            xml.writeCharacters(ReportText.clean(c.body()));
            xml.writeEndElement();
            newline(2);
            xml.writeEndElement();
        }

        /**
         * Every gate of the verdict, then every window's NO_GO gate the verdict does not already
         * list (the judge lists them; a hand-made result might not), then the accounting check.
         */
        private List<TestCase> testCases() {
            Verdict verdict = result.verdict();
            Set<GateResult> gates = new LinkedHashSet<>();
            if (verdict != null) {
                gates.addAll(orEmpty(verdict.gates()));
                for (WindowVerdict w : orEmpty(verdict.windows())) {
                    orEmpty(w.gates()).stream().filter(g -> g.decision() == Decision.NO_GO).forEach(gates::add);
                }
            }
            List<TestCase> cases = new ArrayList<>();
            for (GateResult g : gates) {
                Decision d = g.decision() == null ? Decision.INCONCLUSIVE : g.decision();
                String name = (g.gate() == null ? "gate" : g.gate()) + (g.scope() == null ? "" : " [" + g.scope() + "]");
                String message = g.reason() == null || g.reason().isBlank() ? name + " is " + d.name() : g.reason();
                cases.add(new TestCase(name, d, message, d.name(), d == Decision.GO ? null : evidence(g)));
            }
            cases.add(accounting());
            return cases;
        }

        /** The failure's body: the reason, the rule that decided, and the numbers it decided on. */
        private static String evidence(GateResult g) {
            StringBuilder body = new StringBuilder();
            body.append(g.reason() == null ? "" : g.reason()).append('\n')
                    .append("rule: ").append(g.rule() == null ? Html.DASH : g.rule()).append('\n')
                    .append("estimate: ").append(ReportNumbers.inUnit(g.estimate(), g.unit()))
                    .append(", limit: ").append(ReportNumbers.inUnit(g.limit(), g.unit())).append('\n')
                    .append("interval: ").append(g.interval() == null
                            ? "none (the rule uses the point estimate)" : ReportText.interval(g.interval(), g.unit()))
                    .append('\n')
                    .append("baseline: ").append(ReportNumbers.measured(g.baseline(), g.unit()))
                    .append(", candidate: ").append(ReportNumbers.measured(g.candidate(), g.unit())).append('\n');
            if (Double.isFinite(g.detectable())) {
                body.append("smallest breach this traffic shows 4 times in 5: ")
                        .append(ReportNumbers.inUnit(g.detectable(), g.unit())).append('\n');
            }
            return body.toString();
        }

        /** Fails when any target's counts, or any of its endpoints', do not add up to what was scheduled. */
        private TestCase accounting() {
            List<String> broken = new ArrayList<>();
            for (TargetSummary t : orEmpty(result.targets())) {
                check(broken, t.target(), t.counts());
                for (EndpointSummary e : orEmpty(t.endpoints())) {
                    check(broken, t.target() + " " + e.endpoint(), e.counts());
                }
            }
            if (broken.isEmpty()) {
                return new TestCase(ACCOUNTING, Decision.GO, null, null, null);
            }
            String message = "outcome counts do not add up: " + broken.get(0)
                    + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more)" : "");
            return new TestCase(ACCOUNTING, Decision.NO_GO, message, COUNTS_DO_NOT_ADD_UP,
                    "Every scheduled request must end in exactly one outcome per target; these do not:\n"
                            + String.join("\n", broken) + "\n");
        }

        private static void check(List<String> broken, String where, OutcomeCounts counts) {
            OutcomeCounts c = counts == null ? OutcomeCounts.EMPTY : counts;
            if (!c.addsUp()) {
                broken.add(String.format(Locale.ROOT, "%s: %,d outcomes for %,d scheduled (2xx %,d, 3xx %,d, 4xx %,d, "
                                + "5xx %,d, timeouts %,d, connection errors %,d, not sent %,d)", where, c.accounted(),
                        c.scheduled(), c.status2xx(), c.status3xx(), c.status4xx(), c.status5xx(), c.timeouts(),
                        c.connectionErrors(), c.notSent()));
            }
        }

        /** The verdict as a person reads it in the CI's suite output. */
        private String systemOut() {
            Verdict verdict = result.verdict();
            Decision d = verdict == null || verdict.decision() == null ? Decision.INCONCLUSIVE : verdict.decision();
            StringBuilder out = new StringBuilder().append(d.name());
            if (info != null) {
                out.append("  ").append(info.scenarioName() == null ? "" : info.scenarioName());
                if (info.partial()) {
                    out.append(" (partial: interrupted before the schedule ended)");
                }
            }
            out.append('\n');
            for (String reason : verdict == null ? List.<String>of() : orEmpty(verdict.reasons())) {
                out.append("  ").append(reason).append('\n');
            }
            if (info != null && info.earlyStop() != null) {
                out.append("  ").append(info.earlyStop().describe()).append('\n');
            }
            if (info != null && info.command() != null) {
                out.append("reproduce: ").append(info.command()).append('\n');
            }
            return out.toString();
        }

        private void element(String name, String text) throws XMLStreamException {
            xml.writeStartElement(name);
            xml.writeCharacters(ReportText.clean(text));
            xml.writeEndElement();
        }

        /** Tabs and line breaks as spaces: a parser would normalise them so (XML 1.0 section 3.3.3). */
        private void attribute(String name, String value) throws XMLStreamException {
            xml.writeAttribute(name, ReportText.clean(value).replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }

        /** Line breaks and two-space indents between elements, so the file diffs and reads well. */
        private void newline(int depth) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }

        private static String seconds(Instant start, Instant end) {
            if (start == null || end == null || end.isBefore(start)) {
                return "0";
            }
            return String.format(Locale.ROOT, "%.3f", Duration.between(start, end).toMillis() / 1000.0);
        }

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }
}
