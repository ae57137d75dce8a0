package io.shadowgate.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The scenario file as written: one record per mapping, every component nullable so that
 * "absent" can be told apart from any value. Jackson binds these with unknown keys failing;
 * {@link ScenarioValidator} applies defaults and rules and builds the public records.
 * Durations and fractions are kept as text here because their syntax ({@code 250ms},
 * {@code 10%}) is ours, not Jackson's. The component order is the order keys are listed in
 * "expected one of" messages.
 */
final class ScenarioDocument {

    private ScenarioDocument() {
    }

    record RootDoc(String name, String description, Long seed, String mode, TargetsDoc targets,
                   TrafficDoc traffic, TimeoutsDoc timeouts, ConnectionsDoc connections, GatesDoc gates,
                   CompareDoc compare, RehearsalDoc rehearsal, CapacityDoc capacity, Boolean deterministicLatency) {
    }

    /** Split mode's staged shift: an optional shadow phase, then the stages in order. */
    record RehearsalDoc(String shadow, List<StageDoc> stages, String look, Integer extensions, Boolean promoteEarly,
                        String afterAbort) {
    }

    record StageDoc(String weight, String hold) {
    }

    /** Capacity mode: knees per version along a ramping rate, judged window by window. */
    record CapacityDoc(String window, String maxErrorRate) {
    }

    record CompareDoc(Boolean enabled, String noise, Integer examples, Integer exampleBytes, List<String> headers,
                      List<String> ignoreHeaders, Map<String, EndpointCompareDoc> endpoints) {
    }

    record EndpointCompareDoc(List<String> ignore, Map<String, ToleranceDoc> tolerance, List<NormalizeDoc> normalize,
                              Map<String, ArrayDoc> arrays, String labelPath, String scorePath,
                              String probabilitiesPath) {
    }

    record ToleranceDoc(Double absolute, String relative) {
    }

    record NormalizeDoc(String path, String pattern, String replace) {
    }

    record ArrayDoc(String match, String by) {
    }

    record SchemaGateDoc(Integer breaking) {
    }

    record TargetsDoc(TargetDoc baseline, TargetDoc candidate,
                      @JsonProperty("baseline-replica") TargetDoc baselineReplica) {
    }

    record TargetDoc(String url, SimulatedDoc simulated, Boolean allowSideEffects, Map<String, String> headers,
                     String host, String version, VersionFromDoc versionFrom) {
    }

    /** Where a target reports its version in each response: exactly one of the two. */
    record VersionFromDoc(String header, String field) {
    }

    record SimulatedDoc(String version, LatencyDoc latency, String errorRate, Integer errorStatus,
                        List<FaultDoc> faults, ResponsesDoc responses, Integer concurrency) {
    }

    record ResponsesDoc(String weightsOf, Double scoreShift, FlipLabelsDoc flipLabels,
                        Map<String, String> renameFields, List<String> dropFields, List<String> stringFields,
                        Boolean nondeterministic) {
    }

    record FlipLabelsDoc(Integer feature, Double above) {
    }

    record LatencyDoc(String median, Double sigma, String tailProbability, String tail) {
    }

    record FaultDoc(String kind, String at, String duration, String add, String fraction, Integer status) {
    }

    record TrafficDoc(SynthDoc synth, String file, String har, String gor, String accesslog, Boolean skipBadRecords,
                      ReplayDoc replay) {
    }

    record ReplayDoc(String from, String to, List<String> methods, List<String> allowPaths, List<String> denyPaths,
                     Double speed, String maxGap, Double rate, Integer loop, List<PathRewriteDoc> rewritePaths,
                     Map<String, String> setHeaders, List<String> removeHeaders) {
    }

    record PathRewriteDoc(String match, String replace) {
    }

    /** Exactly one of rate, ramp, steps and diurnal gives the load shape. */
    record SynthDoc(String duration, Double rate, RampDoc ramp, List<StepDoc> steps, DiurnalDoc diurnal,
                    String arrivals, List<RequestDoc> requests) {
    }

    record RampDoc(Double from, Double to) {
    }

    record StepDoc(String at, Double rate) {
    }

    record DiurnalDoc(Double base, Double amplitude, String period, String phase) {
    }

    record RequestDoc(String name, Double weight, String method, String path, Map<String, String> headers,
                      String body, Integer sessions) {
    }

    record TimeoutsDoc(String connect, String request) {
    }

    record ConnectionsDoc(Integer maxPerTarget, Integer warmup, Integer eventLoops) {
    }

    record GatesDoc(Long minSamples, Map<String, LatencyGateDoc> latency, ErrorRateGateDoc errorRate, String confidence,
                    Boolean perEndpoint, String maxMismatchRate, String maxLabelFlipRate, Double maxScoreDrift,
                    SchemaGateDoc schema) {
    }

    record LatencyGateDoc(String maxIncrease, Double maxMs) {
    }

    record ErrorRateGateDoc(String maxIncrease) {
    }
}
