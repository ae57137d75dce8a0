package io.shadowgate.report;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.contract.ChangeKind;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.contract.NewRejections;
import io.shadowgate.compare.response.DifferenceKind;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.FoldedPaths;
import io.shadowgate.compare.response.PairCounts;
import io.shadowgate.compare.response.PathClass;
import io.shadowgate.compare.response.PathCounts;
import io.shadowgate.compare.response.PathDiffSummary;
import io.shadowgate.compare.response.ResponseDiffSummary;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Interval;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Results for the CI outputs' escaping and size tests: {@link RunResultFixture#noGo()} with the
 * strings traffic and hand-edited files can put into a report in every text field the CI outputs
 * show, and a result a hundred thousand rows long. Built from the fixture and public records
 * only, so they follow the fixture as it changes.
 */
final class HostileResults {

    /** Text that tries to break out of XML, Markdown tables and HTML, or to hide what it says. */
    static final List<String> CORPUS = List.of(
            "<script>alert(1)</script>",
            "]]><injected attr=\"1\"/>",
            "<![CDATA[cdata]]>",
            "ctl\u0000\u0001\u0007\b\u000B\f\u001B[31m\u007F\u0085end",
            "bidi \u202Egnp.exe\u202C and \u2066isolate\u2069",
            "lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00 kept",
            "line1\nline2\r\n# heading\n- item\n\n| x | y |",
            "a|b|c `code` *em* _em_ [link](javascript:alert(1)) ![img](http://x/y.png)",
            "&lt;entity&gt; &#x202E; &amp; &copy;",
            "\"double\" 'single' </testcase><testcase name=\"x\">",
            "$x$ ~~strike~~ \\| backslash-pipe \\",
            "1. ordered",
            "- dash",
            "<img src=x onerror=alert(1)>",
            "\uFFFE\uFFFF nonchars",
            "<!-- comment -->",
            "<http://autolink.example/>");

    private HostileResults() {
    }

    /** The fixture's run with the corpus in its gates, reasons, targets, endpoints and response findings. */
    static RunResult hostile() {
        return hostile(CORPUS);
    }

    /** The fixture's run with {@code corpus} (at least two strings) where {@link #hostile()} puts {@link #CORPUS}. */
    static RunResult hostile(List<String> corpus) {
        RunResult r = RunResultFixture.noGo();
        List<GateResult> gates = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String s = corpus.get(i);
            gates.add(new GateResult(s, s, i % 2 == 0 ? Decision.NO_GO : Decision.INCONCLUSIVE, 10, 12, 0.2,
                    new Interval(0.1, 0.3, 0.99, s), 0.1, "ratio", "rule " + s, "reason " + s));
        }
        Verdict verdict = new Verdict(Decision.NO_GO, gates, corpus, r.verdict().windows());
        List<TargetSummary> targets = new ArrayList<>();
        for (int i = 0; i < r.targets().size(); i++) {
            TargetSummary t = r.targets().get(i);
            List<EndpointSummary> endpoints = new ArrayList<>();
            for (String s : corpus) {
                // Broken counts, so that every endpoint is listed in the summary's outcome table too.
                endpoints.add(new EndpointSummary(s, new OutcomeCounts(10, 9, 0, 0, 0, 0, 0, 0), null, null));
            }
            targets.add(new TargetSummary(t.target() + " " + corpus.get(i), t.address() + corpus.get(i + 1), t.counts(),
                    t.latency(), t.service(), t.lateness(), endpoints, t.series()));
        }
        return new RunResult(r.schemaVersion(), r.info(), verdict, targets, findings(corpus));
    }

    /** A run with {@code n} gates, reasons, endpoints, differing paths, contract changes and rejections, each named {@code name + i}. */
    static RunResult huge(int n, String name) {
        RunResult r = RunResultFixture.noGo();
        List<GateResult> gates = new ArrayList<>(n);
        List<String> reasons = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = name + i;
            names.add(s);
            reasons.add(s);
            gates.add(new GateResult(s, s, i % 2 == 0 ? Decision.NO_GO : Decision.GO, 10, 12, 0.2,
                    new Interval(0.1, 0.3, 0.99, s), 0.1, "ratio", s, s));
        }
        List<TargetSummary> targets = new ArrayList<>(r.targets());
        TargetSummary c = targets.get(1);
        List<EndpointSummary> endpoints = names.stream()
                .map(s -> new EndpointSummary(s, new OutcomeCounts(2, 1, 0, 0, 0, 0, 0, 0), null, null)).toList();
        targets.set(1, new TargetSummary(c.target(), c.address(), c.counts(), c.latency(), c.service(), c.lateness(),
                endpoints, c.series()));
        return new RunResult(r.schemaVersion(), r.info(), new Verdict(Decision.NO_GO, gates, reasons, List.of()),
                targets, findings(names));
    }

    private static ResponseFindings findings(List<String> names) {
        List<PathDiffSummary> paths = new ArrayList<>(names.size());
        List<ContractChange> contract = new ArrayList<>(names.size());
        List<NewRejections> rejections = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            paths.add(new PathDiffSummary(s, new PathCounts(i + 1, 1000, Map.of(DifferenceKind.VALUE_CHANGED, i + 1L)),
                    new PathCounts(0, 1000, Map.of()), new DifferenceEstimate(0.01, 0.001, 0.02, 0.98, s),
                    i % 3 == 0 ? PathClass.REGRESSION : PathClass.WITHIN_NOISE, List.of(), List.of()));
            contract.add(new ContractChange(s, s, s, ChangeKind.values()[i % ChangeKind.values().length],
                    i % 2 == 0, 10, 10, 0, 10, s));
            rejections.add(new NewRejections(s, 100, 3, Map.of(422, 3L), List.of(s)));
        }
        EndpointDiffSummary endpoint = new EndpointDiffSummary(names.get(0), new PairCounts(1000, 40),
                new PairCounts(1000, 0), paths, FoldedPaths.NONE);
        return new ResponseFindings("repeat", new ResponseDiffSummary(0.01, List.of(endpoint)), Map.of(), contract,
                rejections, 0, 0, 0);
    }
}
