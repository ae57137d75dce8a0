package io.shadowgate.report;

import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Interval;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.Percentile;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageOutcome;
import io.shadowgate.rehearsal.StageResult;
import io.shadowgate.rehearsal.TimelineEvent;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs for the report tests that {@link RunResultFixture} does not hold: one whose recorded
 * bodies plant scripts that would change the page title if they ever ran, and one as large as
 * a long production replay. Built from the fixture's run and the real response recorder, with
 * a seeded RNG, so they are reproducible.
 */
final class HtmlTestRuns {

    /** What every planted script does if it runs: visible in the DOM as the page title. */
    static final String PAYLOAD = "document.title='PWNED'";

    /** Markup planted in recorded bodies and endpoint names: a script, an event handler, a break out of {@code <pre>}. */
    static final List<String> PLANTED = List.of(
            "<script>" + PAYLOAD + "</script>",
            "<img src=x onerror=\"" + PAYLOAD + "\">",
            "</pre></div><svg onload=\"" + PAYLOAD + "\"></svg><pre>");

    private HtmlTestRuns() {
    }

    /** The fixture's NO_GO run, with every response body and one endpoint name carrying {@link #PLANTED} markup. */
    static RunResult hostile() {
        RunResult r = RunResultFixture.noGo();
        String endpoint = "/v1/predict" + PLANTED.get(0);
        ResponseComparison compare = new ResponseComparison(true, ResponseComparison.Noise.REPEAT, 2, 512,
                Map.of(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults()), Map.of());
        ResponseComparisonRecorder recorder = new ResponseComparisonRecorder(compare, "baseline", "candidate", "repeat", 7);
        for (int i = 0; i < 12; i++) {
            String planted = PLANTED.get(i % PLANTED.size()).replace("\"", "\\\"");
            recorder.accept(answer(i, "baseline", endpoint, 200, "{\"label\":\"a\",\"note\":\"fine\"}"));
            recorder.accept(answer(i, "repeat", endpoint, 200, "{\"label\":\"a\",\"note\":\"fine\"}"));
            recorder.accept(answer(i, "candidate", endpoint, i == 5 ? 422 : 200,
                    "{\"label\":\"b\",\"note\":\"" + planted + "\",\"" + planted + "\":1}"));
        }
        List<TargetSummary> targets = new ArrayList<>();
        for (TargetSummary t : r.targets()) {
            List<EndpointSummary> endpoints = new ArrayList<>(t.endpoints());
            EndpointSummary first = endpoints.get(0);
            endpoints.set(0, new EndpointSummary(endpoint, first.counts(), first.latency(), first.service()));
            targets.add(new TargetSummary(t.target(), t.address(), t.counts(), t.latency(), t.service(), t.lateness(),
                    endpoints, t.series()));
        }
        return new RunResult(r.schemaVersion(), r.info(), r.verdict(), targets, recorder.findings(0.01),
                plantedRollout(), null);
    }

    /** A rollout aborted at its second stage, with planted markup wherever text from traffic or a target can reach. */
    private static RolloutResult plantedRollout() {
        String planted = PLANTED.get(0);
        OutcomeCounts counts = new OutcomeCounts(100, 100, 0, 0, 0, 0, 0, 0);
        StageResult first = new StageResult(0, 1, "5%", false, 0.05, 4_000, 0, 4_000, StageOutcome.PROMOTED, 0, 8,
                Decision.GO, List.of(), List.of("promoted " + planted), 200, counts, counts);
        StageResult second = new StageResult(1, 2, "25%", false, 0.25, 6_000, 4_000, 6_600, StageOutcome.ABORTED, 0, 5,
                Decision.NO_GO, List.of(), List.of("error rate " + planted), 200, counts, counts);
        List<TimelineEvent> events = List.of(
                new TimelineEvent(0, TimelineEvent.Kind.STAGE_STARTED, "stage 1 (5%)", planted),
                new TimelineEvent(6_000, TimelineEvent.Kind.FAULT_STARTED, "candidate" + planted, "errors: " + planted),
                new TimelineEvent(6_600, TimelineEvent.Kind.ABORTED, "stage 2 (25%)", planted),
                new TimelineEvent(9_000, TimelineEvent.Kind.FAULT_ENDED, "candidate" + planted, planted));
        return new RolloutResult(RolloutResult.Outcome.ABORTED, List.of(first, second), events, 6_000L,
                "the fault " + planted, 6_600L, 6_610L, 600L, 10L, 500, 0);
    }

    /**
     * A run as large as reports get: {@code requests} requests over {@code seconds} one-second
     * intervals and {@code endpoints} endpoints at baseline and candidate, every gate judged on
     * every endpoint and on every 10 s window (a tenth of them NO_GO), and response differences
     * on the first {@code differing} endpoints (on three paths, with 1.4 KB example bodies).
     */
    static RunResult large(long requests, int seconds, int endpoints, int differing) {
        RunResult r = RunResultFixture.noGo();
        Random rng = new Random(42);
        List<String> names = new ArrayList<>();
        for (int e = 0; e < endpoints; e++) {
            names.add("GET /v1/catalogue/section-" + e + "/items/{id}");
        }
        List<TargetSummary> targets = List.of(
                target("baseline", "http://127.0.0.1:40123", requests, seconds, names, 12.0, rng),
                target("candidate", "http://127.0.0.1:40124", requests, seconds, names, 13.5, rng));

        List<GateResult> gates = new ArrayList<>();
        List<String> scopes = new ArrayList<>(List.of("all"));
        scopes.addAll(names);
        for (String scope : scopes) {
            gates.addAll(gateSet(scope, Decision.GO));
        }
        List<WindowVerdict> windows = new ArrayList<>();
        for (int w = 0; w * 10 < seconds; w++) {
            Decision d = w % 10 == 3 ? Decision.NO_GO : Decision.GO;
            String scope = "window " + w * 10 + "-" + (w + 1) * 10 + " s";
            List<GateResult> windowGates = gateSet(scope, d);
            windows.add(new WindowVerdict(w, w * 10_000L, (w + 1) * 10_000L, requests / (seconds / 10), d, windowGates));
            windowGates.stream().filter(g -> g.decision() == Decision.NO_GO).forEach(gates::add);
        }
        Verdict verdict = new Verdict(Decision.NO_GO, gates,
                List.of("latency p99 increase: NO_GO in " + windows.size() / 10 + " windows"), windows);

        ResponseComparison compare = new ResponseComparison(true, ResponseComparison.Noise.REPEAT,
                ResponseComparison.DEFAULT.examples(), ResponseComparison.DEFAULT.exampleBytes(),
                Map.of(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults()), Map.of());
        ResponseComparisonRecorder recorder = new ResponseComparisonRecorder(compare, "baseline", "candidate", "repeat", 42);
        long id = 0;
        for (int e = 0; e < names.size(); e++) {
            String candidateVersion = e < differing ? "v40" : "v41";
            for (int i = 0; i < 40; i++, id++) {
                recorder.accept(answer(id, "baseline", names.get(e), 200, body(id, "v41", false)));
                recorder.accept(answer(id, "repeat", names.get(e), 200, body(id, "v41", false)));
                recorder.accept(answer(id, "candidate", names.get(e), 200,
                        body(id, candidateVersion, e < differing && i % 2 == 0)));
            }
        }
        return new RunResult(r.schemaVersion(), r.info(), verdict, targets, recorder.findings(0.01));
    }

    private static TargetSummary target(String role, String address, long requests, int seconds, List<String> names,
                                        double p50, Random rng) {
        long perEndpoint = requests / names.size();
        List<EndpointSummary> endpoints = new ArrayList<>();
        for (String name : names) {
            endpoints.add(new EndpointSummary(name, new OutcomeCounts(perEndpoint, perEndpoint - 30, 0, 10, 12, 6, 2, 0),
                    latency(perEndpoint, p50 * (0.5 + rng.nextDouble())), latency(perEndpoint, p50 * 0.9)));
        }
        long all = perEndpoint * names.size();
        List<IntervalPoint> series = new ArrayList<>();
        long perSecond = requests / seconds;
        for (int s = 0; s < seconds; s++) {
            long responses = perSecond + rng.nextInt(40) - 20;
            long errors = rng.nextInt(4);
            // A few seconds without responses, to draw gaps.
            boolean silent = s % 1000 == 500;
            series.add(new IntervalPoint(s * 1000L, (s + 1) * 1000L, silent ? 0 : responses, errors,
                    silent ? Double.NaN : p50 * (0.9 + 0.2 * rng.nextDouble()),
                    silent ? Double.NaN : p50 * (4 + 2 * rng.nextDouble())));
        }
        return new TargetSummary(role, address, new OutcomeCounts(all, all - 30L * names.size(), 0, 10L * names.size(),
                12L * names.size(), 6L * names.size(), 2L * names.size(), 0), latency(all, p50), latency(all, p50 * 0.9),
                latency(all, 0.05), endpoints, series);
    }

    private static List<GateResult> gateSet(String scope, Decision p99) {
        return new ArrayList<>(List.of(
                new GateResult("latency p50 increase", scope, Decision.GO, 12.0, 12.6, 0.05,
                        new Interval(0.01, 0.09, 0.99, "paired bootstrap, log scale"), 0.5, "ratio",
                        "GO if the upper bound <= +50%", "latency p50 increase: +5.0% [+1.0%, +9.0%], limit +50.0%"),
                new GateResult("latency p99 increase", scope, p99, 48.0, p99 == Decision.NO_GO ? 96.0 : 49.0,
                        p99 == Decision.NO_GO ? 1.0 : 0.02, new Interval(-0.02, 0.06, 0.99, "paired bootstrap, log scale"),
                        0.10, "ratio", "GO if the upper bound <= +10%", "latency p99 increase: +2.0% [-2.0%, +6.0%], limit +10.0%"),
                new GateResult("error rate increase", scope, Decision.GO, 0.002, 0.0021, 0.0001,
                        new Interval(-0.001, 0.0012, 0.99, "Newcombe hybrid score"), 0.005, "points",
                        "GO if the upper bound <= 0.5 pp", "error rate increase: +0.0100 pp, limit +0.500 pp"),
                new GateResult("latency p99.9 budget", scope, Decision.GO, 110, 118, 118,
                        new Interval(104, 131, 0.99, "bootstrap percentile"), 250, "ms",
                        "GO if the upper bound <= 250 ms", "latency p99.9: 118 ms [104, 131], budget 250 ms")));
    }

    /** A catalogue answer of about 2 KB; the candidate renames a field on every other answer. */
    private static String body(long id, String version, boolean renamed) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(id * 100 + i)
                    .append("\",\"price\":").append(i * 3 + 0.99).append(",\"stock\":").append(i * 7 % 13).append('}');
        }
        return "{\"version\":\"" + version + "\",\"" + (renamed ? "totalCount" : "total") + "\":24,\"items\":["
                + items + "]}";
    }

    private static LatencySummary latency(long count, double p50) {
        double[] factors = {1, 1.3, 1.9, 2.6, 4, 8, 15};
        List<Percentile> ps = new ArrayList<>();
        for (int i = 0; i < LatencySummary.PERCENTILES.length; i++) {
            ps.add(new Percentile(LatencySummary.PERCENTILES[i], p50 * factors[Math.min(i, factors.length - 1)]));
        }
        return new LatencySummary(count, p50 * 1.2, p50 * 30, ps);
    }

    static Outcome answer(long id, String target, String endpoint, int status, String json) {
        return new Outcome(id, target, endpoint, OutcomeKind.RESPONSE, status, id * 1_000_000, id * 1_000_000,
                id * 1_000_000 + 5_000_000, new ResponseContent(List.of(new Header("content-type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8)));
    }
}
