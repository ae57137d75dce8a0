package io.shadowgate.cli;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Verdict;
import io.shadowgate.judge.WindowVerdict;
import io.shadowgate.metrics.EndpointRecording;
import io.shadowgate.metrics.EndpointSummary;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.metrics.TargetRecording;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The judging step of a shadow run, from what the recorders hold to the verdict. Public so that
 * the analysis benchmark ({@code bench/AnalysisAtScale}) times exactly what {@code run} does
 * after the replay; stateless.
 */
public final class RunAnalysis {

    private RunAnalysis() {
    }

    /** What the judge decides on: all traffic, and each endpoint when the gates ask for it. */
    public static List<Evidence> scopes(Scenario scenario, MetricsRecorder recorder, PairedLatencyRecorder pairs,
                                        List<TargetSummary> measured) {
        List<Evidence> scopes = new ArrayList<>();
        scopes.add(new Evidence("all", recorder.latency(Scenario.BASELINE), recorder.latency(Scenario.CANDIDATE),
                measured.get(0).counts(), measured.get(1).counts(), pairs.snapshot()));
        if (scenario.gates().perEndpoint()) {
            Map<String, EndpointSummary> candidate = new HashMap<>();
            measured.get(1).endpoints().forEach(e -> candidate.put(e.endpoint(), e));
            for (EndpointSummary baseline : measured.get(0).endpoints()) {
                String endpoint = baseline.endpoint();
                EndpointSummary other = candidate.get(endpoint);
                scopes.add(new Evidence(endpoint, recorder.latency(Scenario.BASELINE, endpoint),
                        recorder.latency(Scenario.CANDIDATE, endpoint), baseline.counts(),
                        other == null ? OutcomeCounts.EMPTY : other.counts(), pairs.snapshot(endpoint)));
            }
        }
        return scopes;
    }

    /**
     * As {@link #scopes(Scenario, MetricsRecorder, PairedLatencyRecorder, List)}, from stored
     * recordings and pair samples: a merge of shards judges exactly what one process would have.
     */
    public static List<Evidence> scopes(Scenario scenario, List<TargetRecording> recorded, PairedLatencies pairs,
                                        Map<String, PairedLatencies> pairsByEndpoint) {
        TargetRecording b = recorded.get(0);
        TargetRecording c = recorded.get(1);
        List<Evidence> scopes = new ArrayList<>();
        scopes.add(new Evidence("all", b.latency().copy(), c.latency().copy(), b.counts(), c.counts(), pairs));
        if (scenario.gates().perEndpoint()) {
            Map<String, EndpointRecording> candidate = new HashMap<>();
            c.endpoints().forEach(e -> candidate.put(e.endpoint(), e));
            for (EndpointRecording baseline : b.endpoints()) {
                String endpoint = baseline.endpoint();
                EndpointRecording other = candidate.get(endpoint);
                scopes.add(new Evidence(endpoint, baseline.latency().copy(),
                        other == null ? Histograms.newHistogram() : other.latency().copy(), baseline.counts(),
                        other == null ? OutcomeCounts.EMPTY : other.counts(),
                        pairsByEndpoint.getOrDefault(endpoint, PairedLatencies.EMPTY)));
            }
        }
        return scopes;
    }

    /** The verdict on {@code scopes}; a {@code partial} run is never GO. */
    public static Verdict judge(Judge judge, List<Evidence> scopes, List<WindowVerdict> windows,
                                ResponseFindings responses, boolean partial) {
        Verdict verdict = judge.judge(scopes, windows, responses);
        if (partial && verdict.decision() == Decision.GO) {
            // An interrupted run saw less than the scenario asked for: it cannot pre-authorize.
            List<String> reasons = new ArrayList<>(verdict.reasons());
            reasons.add(0, "the run was interrupted before its schedule ended; a partial run cannot pre-authorize");
            return new Verdict(Decision.INCONCLUSIVE, verdict.gates(), List.copyOf(reasons), verdict.windows());
        }
        return verdict;
    }
}
