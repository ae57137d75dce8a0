package io.shadowgate.report;

import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Interval;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.Percentile;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.scenario.ResponseComparison;
import io.shadowgate.traffic.ControlledTraffic;
import io.shadowgate.traffic.TrafficScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A realistic stored run for the report tests: a rollback candidate that breaches its p99 gate.
 * Fixed timestamps and values, so outputs are reproducible; hostile strings where traffic and
 * judges put text, and NaN where a distribution was empty. Public for the {@code verify} tests,
 * which need a genuine GO to check.
 */
public final class RunResultFixture {

    static final String HOSTILE_ENDPOINT = "<script>alert(1)</script>";
    static final String HOSTILE_REASON_TAIL = "\"><img src=x onerror=alert(1)>";
    static final String P99_REASON = "p99 rose 49.2% over the baseline; limit 10%" + HOSTILE_REASON_TAIL;

    private RunResultFixture() {
    }

    /** The rollback that breaches its p99 and error-rate gates. */
    public static RunResult noGo() {
        RunInfo info = new RunInfo(
                "rollback v41 -> v40 & friends",
                "scenarios/rollback<v40>.yaml",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "0.1.0-SNAPSHOT",
                42L,
                "shadow",
                Instant.parse("2024-05-01T12:00:00Z"),
                Instant.parse("2024-05-01T12:05:00.250Z"),
                false,
                "shadowgate run 'scenarios/rollback<v40>.yaml' --seed 42 --out \"reports/a&b\"",
                Map.of("baseline", "model-v41", "candidate", "model-v40 <rollback>"),
                identities("model-v41",
                        new TargetIdentity("model-v40 <rollback>", "header X-Model-Version", 975,
                                List.of(new TargetIdentity.ObservedVersion("model-v40 <rollback>", 960),
                                        new TargetIdentity.ObservedVersion("model-v39", 10)), 0, 5)),
                new TrafficScan("file:captures/<prod>.jsonl.gz", "ab".repeat(32), "records", 120_000, 2,
                        List.of("captures/<prod>.jsonl.gz: record 7 at byte 4096: not a JSON object", "second problem"),
                        new ControlledTraffic.Stats(120_500, 300, 100, 98, 120_000),
                        new java.util.TreeMap<>(Map.of("GET /v1/items/{id}", 20_000L, "POST /v1/predict", 100_000L)), 299_990_000L),
                new EarlyStop(3, 30_250, 11_840, 10_000, EarlyStop.LOOK));
        return new RunResult(RunResult.SCHEMA_VERSION, info, verdict(), List.of(baseline(), candidate()), responses());
    }

    /** A body planted with markup, as a hostile upstream might answer: the report must show it inert. */
    static final String HOSTILE_BODY_TAIL = "<script>alert('body')</script>";
    private static final int HOSTILE_REQUEST = 5;

    /**
     * Response findings from the real recorder, fed outcomes by hand: the candidate renames
     * {@code score} on every answer and plants a script in one, and rejects one request the
     * baseline accepted; a second baseline answer measures noise in {@code traceId}.
     */
    private static ResponseFindings responses() {
        ResponseComparison compare = new ResponseComparison(true, ResponseComparison.Noise.REPEAT, 2, 512,
                Map.of(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults()),
                Map.of("/v1/predict", ModelOutputPaths.of("$.label", null, null)));
        ResponseComparisonRecorder recorder = new ResponseComparisonRecorder(compare, "baseline", "candidate", "repeat", 42);
        for (int i = 0; i < 12; i++) {
            String trace = "\"traceId\":\"t" + i + "\"";
            recorder.accept(answer(i, "baseline", 200, "{\"label\":\"a\",\"score\":0.5," + trace + "}"));
            recorder.accept(answer(i, "repeat", 200, "{\"label\":\"a\",\"score\":0.5,\"traceId\":\"u" + i + "\"}"));
            // Request 5 is the one whose id hashes smallest under seed 42: the first example pair of every
            // differing path, so the planted script is in the pairs the report shows side by side.
            String candidate = i == HOSTILE_REQUEST
                    ? "{\"label\":\"b\",\"confidence\":0.5,\"note\":\"" + HOSTILE_BODY_TAIL + "\"}"
                    : "{\"label\":\"a\",\"confidence\":0.5," + trace + "}";
            recorder.accept(answer(i, "candidate", i == 7 ? 422 : 200, candidate));
        }
        return recorder.findings(0.01);
    }

    private static Outcome answer(long id, String target, int status, String json) {
        return new Outcome(id, target, "/v1/predict", OutcomeKind.RESPONSE, status, id * 1_000_000, id * 1_000_000,
                id * 1_000_000 + 5_000_000, new ResponseContent(List.of(new io.shadowgate.traffic.Header(
                        "content-type", "application/json")), json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The same run, marked partial (interrupted before the schedule ended). */
    static RunResult partial() {
        return partial(noGo());
    }

    /** {@code r} marked partial. */
    public static RunResult partial(RunResult r) {
        RunInfo i = r.info();
        RunInfo partial = new RunInfo(i.scenarioName(), i.scenarioFile(), i.scenarioSha256(), i.toolVersion(),
                i.seed(), i.mode(), i.started(), i.finished(), true, i.command(), i.targetVersions(),
                i.targetIdentities(), i.traffic(), i.earlyStop());
        return new RunResult(r.schemaVersion(), partial, r.verdict(), r.targets(), r.responses());
    }

    /** The traffic file's SHA-256 the {@link #go} run records: its record lines, as the trailer says. */
    public static final String GO_TRAFFIC_SHA256 = "cd".repeat(32);

    /**
     * The pre-authorization a rollback step checks: a GO for candidate {@code 2.3.1} (which also
     * reported 2.3.1 in every answer) against baseline {@code 2.4.0}, unsealed (the writer seals).
     */
    public static RunResult go() {
        return go(new TargetIdentity("2.3.1", "header X-Model-Version", 975,
                List.of(new TargetIdentity.ObservedVersion("2.3.1", 975)), 0, 0));
    }

    /** The GO run with another candidate identity, e.g. one whose answers reported some other version. */
    public static RunResult go(TargetIdentity candidate) {
        return go(candidate, GO_TRAFFIC_SHA256);
    }

    /** The GO run with another candidate identity, on traffic of another SHA-256. */
    public static RunResult go(TargetIdentity candidate, String trafficSha256) {
        RunResult r = noGo();
        RunInfo i = r.info();
        TrafficScan t = i.traffic();
        RunInfo info = new RunInfo("rollback 2.4.0 -> 2.3.1", i.scenarioFile(), i.scenarioSha256(), i.toolVersion(),
                i.seed(), i.mode(), i.started(), i.finished(), false, i.command(),
                Map.of("baseline", "2.4.0", "candidate", candidate.version() == null ? RunInfo.UNKNOWN_VERSION
                        : candidate.version()),
                identities("2.4.0", candidate),
                new TrafficScan("file:captures/prod.jsonl.gz", trafficSha256, "records", t.records(), 0, List.of(),
                        null, t.endpoints(), t.spanMicros()),
                null);
        GateResult p99 = new GateResult("latency p99 increase", "all", Decision.GO,
                48.2, 47.9, -0.006, new Interval(-0.03, 0.02, 0.99, "paired bootstrap, log scale"), 0.10, "ratio",
                "GO if the upper bound <= +10%", "latency p99 increase: -0.6% [-3.0%, +2.0%], limit +10.0%");
        Verdict verdict = new Verdict(Decision.GO, List.of(p99), List.of("every gate holds"));
        return new RunResult(r.schemaVersion(), info, verdict, r.targets());
    }

    private static Map<String, TargetIdentity> identities(String baseline, TargetIdentity candidate) {
        return new java.util.TreeMap<>(Map.of("baseline", TargetIdentity.configured(baseline), "candidate", candidate));
    }

    /** The run with one target's counts broken so that they do not add up, and no time series. */
    /** A replay that fell behind because its event loop was busy; {@code tail} ends the finding. */
    static SchedulePace fellBehind(String tail) {
        return new SchedulePace(85_000, 68_000, 99, 627, 0.95, Map.of("baseline", 849_000L), Map.of("baseline", 850_000L),
                SchedulePace.Behind.REPLAYER, "the replay fell behind its schedule: " + tail);
    }

    /** A replay that kept its schedule at 400 requests a second. */
    static SchedulePace keptPace() {
        return new SchedulePace(400, 400, 99, 0.25, 0.05, Map.of("baseline", 0L), Map.of("baseline", 1_600L),
                SchedulePace.Behind.NOTHING, null);
    }

    static RunResult brokenCounts() {
        RunResult r = noGo();
        List<TargetSummary> targets = new ArrayList<>(r.targets());
        TargetSummary c = targets.get(1);
        OutcomeCounts bad = new OutcomeCounts(1000, 961, 2, 5, 8, 22, 3, 0);
        targets.set(1, new TargetSummary(c.target(), c.address(), bad, c.latency(), c.service(), c.lateness(),
                c.endpoints(), List.of()));
        return new RunResult(r.schemaVersion(), r.info(), r.verdict(), targets, r.responses());
    }

    static final String ERROR_REASON = "error rate rose 2.7 points; limit 0.5 points";

    private static Verdict verdict() {
        GateResult p50 = new GateResult("latency p50 increase", "all", Decision.GO,
                11.5, 15.25, 0.3261, new Interval(0.21, 0.44, 0.99, "bootstrap percentile"), 0.5, "ratio",
                "upper bound of the 99% interval < 0.5", "p50 rose 32.6%, within the 50% margin");
        GateResult p99 = new GateResult("latency p99 increase", "all", Decision.NO_GO,
                48.2, 71.9, 0.4917, null, 0.10, "ratio",
                "candidate p99 / baseline p99 - 1 > 0.10 (point estimate)", P99_REASON);
        GateResult errors = new GateResult("error rate increase", "all", Decision.NO_GO,
                0.006, 0.033, 0.027, new Interval(0.0158, 0.0398, 0.99, "Newcombe hybrid score"), 0.005, "points",
                "lower bound of the 99% interval > 0.005", ERROR_REASON);
        GateResult budget = new GateResult("latency p99.9 budget", HOSTILE_ENDPOINT, Decision.INCONCLUSIVE,
                Double.NaN, Double.NaN, Double.NaN, null, 250, "ms",
                "fewer than 200 responses at a target: no decision",
                "no responses for this endpoint at the candidate; about 200 more requests would decide it");
        GateResult calm = new GateResult("latency p99 increase", "window 0-10 s", Decision.GO,
                47.9, 48.6, 0.0146, new Interval(-0.02, 0.05, 0.99, "paired bootstrap, log scale"), 0.10, "ratio",
                "GO if the upper bound <= +10%", "latency p99 increase: +1.5% [-2.0%, +5.0%], limit +10.0%");
        GateResult hostileWindow = new GateResult("latency p99 increase", "window 10-20 s", Decision.NO_GO,
                48.4, 96.0, 0.983, new Interval(0.71, 1.30, 0.99, "paired bootstrap, log scale"), 0.10, "ratio",
                "NO_GO if the lower bound > +10%", "window 10-20 s " + HOSTILE_REASON_TAIL);
        List<WindowVerdict> windows = List.of(
                new WindowVerdict(0, 0, 10_000, 4_980, Decision.GO, List.of(calm)),
                new WindowVerdict(1, 10_000, 20_000, 5_010, Decision.NO_GO, List.of(hostileWindow)));
        return new Verdict(Decision.NO_GO, List.of(p50, p99, errors, budget, hostileWindow),
                List.of(P99_REASON, ERROR_REASON), windows);
    }

    private static TargetSummary baseline() {
        OutcomeCounts all = new OutcomeCounts(1000, 990, 0, 4, 3, 2, 1, 0);
        EndpointSummary predict = new EndpointSummary("/v1/predict",
                new OutcomeCounts(980, 972, 0, 3, 2, 2, 1, 0),
                latency(977, 11.6, 48.5, 140.5), latency(977, 10.8, 44.2, 130.25));
        EndpointSummary hostile = new EndpointSummary(HOSTILE_ENDPOINT,
                new OutcomeCounts(20, 18, 0, 1, 1, 0, 0, 0),
                latency(20, 9.5, 30.1, 61.0), latency(20, 9.0, 28.0, 60.0));
        return new TargetSummary("baseline", "http://127.0.0.1:40123", all,
                latency(997, 11.5, 48.2, 140.5), latency(997, 10.7, 44.0, 130.25), latency(1000, 0.05, 0.9, 3.2),
                List.of(predict, hostile),
                List.of(point(0, 180, 1, 11.2, 47.0), point(1, 200, 0, 11.6, 49.0), point(2, 205, 1, 11.4, 48.0),
                        point(3, 210, 2, 12.1, 52.5), point(4, 202, 0, 11.3, 46.1)));
    }

    private static TargetSummary candidate() {
        OutcomeCounts all = new OutcomeCounts(1000, 960, 2, 5, 8, 22, 3, 0);
        EndpointSummary predict = new EndpointSummary("/v1/predict",
                new OutcomeCounts(980, 960, 2, 5, 8, 2, 3, 0),
                latency(975, 15.25, 71.9, 2103.0), latency(975, 14.1, 66.0, 2000.0));
        // Every request to this endpoint timed out: an empty distribution, so NaN percentiles.
        EndpointSummary hostile = new EndpointSummary(HOSTILE_ENDPOINT,
                new OutcomeCounts(20, 0, 0, 0, 0, 20, 0, 0),
                emptyLatency(), emptyLatency());
        return new TargetSummary("candidate", "http://127.0.0.1:40124/\"quoted\"", all,
                latency(975, 15.25, 71.9, 2103.0), latency(975, 14.1, 66.0, 2000.0), latency(1000, 0.07, 1.4, 9.75),
                List.of(predict, hostile),
                List.of(point(0, 170, 3, 14.2, 65.0), point(1, 0, 10, Double.NaN, Double.NaN),
                        point(2, 240, 4, 15.1, 80.4), point(3, 260, 3, 16.0, 71.0), point(4, 230, 2, 14.9, 69.3)));
    }

    /** A distribution shaped from a median, a p99 and a max, so the percentiles rise sensibly. */
    private static LatencySummary latency(long count, double p50, double p99, double max) {
        double[] at = LatencySummary.PERCENTILES;
        double[] values = {p50, p50 * 1.3, p50 * 1.9, p50 * 2.6, p99, (p99 + max) / 2, max};
        List<Percentile> ps = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            ps.add(new Percentile(at[i], Math.round(values[i] * 100) / 100.0));
        }
        return new LatencySummary(count, Math.round(p50 * 110) / 100.0, max, ps);
    }

    private static LatencySummary emptyLatency() {
        List<Percentile> ps = new ArrayList<>();
        for (double p : LatencySummary.PERCENTILES) {
            ps.add(new Percentile(p, Double.NaN));
        }
        return new LatencySummary(0, Double.NaN, Double.NaN, ps);
    }

    private static IntervalPoint point(int second, long responses, long errors, double p50, double p99) {
        return new IntervalPoint(second * 1000L, (second + 1) * 1000L, responses, errors, p50, p99);
    }
}
