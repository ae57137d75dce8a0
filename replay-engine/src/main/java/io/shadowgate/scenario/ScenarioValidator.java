package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;

import io.shadowgate.scenario.ScenarioDocument.ConnectionsDoc;
import io.shadowgate.scenario.ScenarioDocument.GatesDoc;
import io.shadowgate.scenario.ScenarioDocument.LatencyGateDoc;
import io.shadowgate.scenario.ScenarioDocument.RootDoc;
import io.shadowgate.scenario.ScenarioDocument.TimeoutsDoc;
import io.shadowgate.scenario.ScenarioDocument.TrafficDoc;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies defaults and value rules to a bound {@link ScenarioDocument} and builds the public
 * {@link Scenario}. Stops at the first problem, located at the offending key.
 */
final class ScenarioValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** More client threads than this only contend: each already drives thousands of connections. */
    private static final int MAX_EVENT_LOOPS = 64;

    private final FieldChecks check;
    private final TargetValidator targets;
    private final SynthValidator synth;

    ScenarioValidator(LocatedTree tree) {
        this.check = new FieldChecks(tree);
        this.targets = new TargetValidator(check);
        this.synth = new SynthValidator(tree, check);
    }

    Scenario validate(RootDoc doc) throws ScenarioException {
        String name = check.required("", "name", doc.name());
        if (!NAME.matcher(name).matches()) {
            throw check.invalid("name", "may contain only letters, digits, '.', '_' and '-' (it names report"
                    + " directories), found '" + name + "'");
        }
        String description = doc.description() == null ? "" : doc.description();
        long seed = doc.seed() == null ? 1 : doc.seed();
        Mode mode = doc.mode() == null ? Mode.SHADOW : check.choice("mode", doc.mode(), Mode.class);
        Map<String, TargetSpec> targetsByRole = targets.targets(doc.targets());
        TrafficInput traffic = traffic(check.required("", "traffic", doc.traffic()));
        RehearsalValidator shift = new RehearsalValidator(check);
        Rehearsal rehearsal = shift.rehearsal(doc.rehearsal(), mode);
        if (mode == Mode.SPLIT && targetsByRole.containsKey(TargetValidator.BASELINE_REPLICA)) {
            throw check.invalid(child("targets", TargetValidator.BASELINE_REPLICA), "measures noise between paired "
                    + "responses, which split mode does not have; remove it or use mode: shadow");
        }
        CapacitySpec capacity = shift.capacity(doc.capacity());
        if (capacity != null && mode != Mode.SHADOW) {
            throw check.invalid("capacity", "knees are found along a ramp that both versions take in shadow mode; "
                    + "use mode: shadow");
        }
        ResponseComparison compare = new CompareValidator(check).compare(doc.compare(),
                mode == Mode.SHADOW || rehearsal.hasShadowPhase(),
                targetsByRole.containsKey(TargetValidator.BASELINE_REPLICA));
        if (mode == Mode.SPLIT && compare.noise() != ResponseComparison.Noise.OFF) {
            throw check.invalid("compare.noise", "needs a third target beside every pair, which split mode does "
                    + "not have; remove it or use mode: shadow");
        }
        Gates gates = gates(doc.gates());
        boolean deterministic = Boolean.TRUE.equals(doc.deterministicLatency());
        if (deterministic) {
            deterministicTargets(targetsByRole);
        }
        return new Scenario(name, description, seed, mode, targetsByRole, traffic,
                timeouts(doc.timeouts()), connections(doc.connections()),
                gates.withResponses(responseGates(doc.gates(), compare.enabled(), mode == Mode.SPLIT
                        && !(doc.compare() != null && Boolean.FALSE.equals(doc.compare().enabled())))), compare,
                rehearsal, capacity, deterministic);
    }

    /**
     * The deterministic-latency mode needs targets whose latency and answers are functions of the
     * request: simulated ones, without faults (they strike by time, which no two runs share) and
     * without nondeterministic answers (a clock and a random trace id in every body).
     */
    private void deterministicTargets(Map<String, TargetSpec> targetsByRole) throws ScenarioException {
        for (Map.Entry<String, TargetSpec> e : targetsByRole.entrySet()) {
            TargetSpec spec = e.getValue();
            if (!spec.isSimulated()) {
                throw check.invalid("deterministicLatency", "needs every target simulated (the latency is stated by "
                        + "simulated servers, for proving merges), but " + e.getKey() + " is a url; remove "
                        + "deterministicLatency to judge a real service by the clock");
            }
            if (!spec.simulated().faults().isEmpty()) {
                throw check.invalid("deterministicLatency", e.getKey() + ".simulated.faults strike by time, which "
                        + "is not a function of the request; remove the faults or deterministicLatency");
            }
            if (spec.simulated().responses().nondeterministic()) {
                throw check.invalid("deterministicLatency", e.getKey() + ".simulated.responses.nondeterministic "
                        + "answers with the clock and a random trace id, which are not functions of the request; "
                        + "remove it or deterministicLatency");
            }
        }
    }

    /** Exactly one source: {@code synth} or one of the recorded formats. */
    private TrafficInput traffic(TrafficDoc doc) throws ScenarioException {
        Map<String, String> recorded = new LinkedHashMap<>();
        putIfSet(recorded, "file", doc.file());
        putIfSet(recorded, "har", doc.har());
        putIfSet(recorded, "gor", doc.gor());
        putIfSet(recorded, "accesslog", doc.accesslog());
        int sources = recorded.size() + (doc.synth() != null ? 1 : 0);
        if (sources != 1) {
            throw check.invalid("traffic", (sources == 0 ? "needs a source" : "has " + sources + " sources")
                    + ": exactly one of synth, file, har, gor, accesslog");
        }
        boolean skip = doc.skipBadRecords() != null && doc.skipBadRecords();
        ReplayControls controls = new ReplayControlsValidator(check).controls(doc.replay());
        if (doc.synth() != null) {
            if (doc.skipBadRecords() != null) {
                throw check.invalid("traffic.skipBadRecords", "applies to recorded traffic only, not to synth");
            }
            return TrafficInput.synthesized(synth.synth(doc.synth())).withControls(controls);
        }
        Map.Entry<String, String> source = recorded.entrySet().iterator().next();
        if (source.getValue().isBlank()) {
            throw check.invalid(child("traffic", source.getKey()), "expected a file path");
        }
        TrafficInput.Format format = TrafficInput.Format.valueOf(source.getKey().toUpperCase(Locale.ROOT));
        return TrafficInput.recorded(format, check.relativeToScenario(source.getValue()), skip).withControls(controls);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private Timeouts timeouts(TimeoutsDoc doc) throws ScenarioException {
        if (doc == null) {
            return Timeouts.DEFAULT;
        }
        Duration connect = doc.connect() == null
                ? Timeouts.DEFAULT.connect()
                : check.positiveDuration("timeouts.connect", doc.connect());
        Duration request = doc.request() == null
                ? Timeouts.DEFAULT.request()
                : check.positiveDuration("timeouts.request", doc.request());
        return new Timeouts(connect, request);
    }

    private Connections connections(ConnectionsDoc doc) throws ScenarioException {
        if (doc == null) {
            return Connections.DEFAULT;
        }
        int max = doc.maxPerTarget() == null
                ? Connections.DEFAULT.maxPerTarget()
                : (int) check.atLeast("connections.maxPerTarget", doc.maxPerTarget(), 1);
        int loops = Connections.AUTOMATIC_EVENT_LOOPS;
        if (doc.eventLoops() != null) {
            loops = (int) check.atLeast("connections.eventLoops", doc.eventLoops(), 1);
            if (loops > MAX_EVENT_LOOPS) {
                throw check.invalid("connections.eventLoops", "must be at most " + MAX_EVENT_LOOPS + ", found " + loops);
            }
        }
        if (doc.warmup() == null) {
            // A small maxPerTarget alone should not fail against the default warmup.
            return new Connections(max, Math.min(Connections.DEFAULT.warmup(), max), loops);
        }
        int warmup = (int) check.atLeast("connections.warmup", doc.warmup(), 0);
        if (warmup > max) {
            throw check.invalid("connections.warmup", "must be at most maxPerTarget (" + max + "), found " + warmup);
        }
        return new Connections(max, warmup, loops);
    }

    private Gates gates(GatesDoc doc) throws ScenarioException {
        if (doc == null) {
            return new Gates(Gates.DEFAULT_MIN_SAMPLES, Map.of(), null);
        }
        long minSamples = doc.minSamples() == null
                ? Gates.DEFAULT_MIN_SAMPLES
                : check.atLeast("gates.minSamples", doc.minSamples(), 1);
        Map<Double, LatencyGate> latency = new LinkedHashMap<>();
        Map<Double, String> keyByPercentile = new HashMap<>();
        if (doc.latency() != null) {
            for (Map.Entry<String, LatencyGateDoc> entry : doc.latency().entrySet()) {
                String path = child("gates.latency", entry.getKey());
                double percentile;
                try {
                    percentile = ValueParsers.percentile(entry.getKey());
                } catch (IllegalArgumentException e) {
                    throw check.invalid(path, e.getMessage());
                }
                String first = keyByPercentile.putIfAbsent(percentile, entry.getKey());
                if (first != null) {
                    throw check.invalid(path, "the same percentile as '" + first + "'");
                }
                latency.put(percentile, latencyGate(path, entry.getValue()));
            }
        }
        ErrorRateGate errorRate = null;
        if (doc.errorRate() != null) {
            String increase = check.required("gates.errorRate", "maxIncrease", doc.errorRate().maxIncrease());
            errorRate = new ErrorRateGate(check.fraction("gates.errorRate.maxIncrease", increase));
        }
        double confidence = Gates.DEFAULT_CONFIDENCE;
        if (doc.confidence() != null) {
            confidence = check.fraction("gates.confidence", doc.confidence());
            if (confidence < 0.5 || confidence >= 1) {
                throw check.invalid("gates.confidence", "must be at least 50% and below 100%, e.g. 99%, found '"
                        + doc.confidence() + "'");
            }
        }
        return new Gates(minSamples, Collections.unmodifiableMap(latency), errorRate, confidence,
                doc.perEndpoint() != null && doc.perEndpoint());
    }

    /**
     * The gates on responses; the contract gate is on by default whenever responses are compared,
     * and in split mode, whose stages learn each side's schema from its own responses.
     */
    private ResponseGates responseGates(GatesDoc doc, boolean comparing, boolean split) throws ScenarioException {
        if (doc == null) {
            return comparing || split ? ResponseGates.CONTRACT : ResponseGates.NONE;
        }
        Double mismatch = doc.maxMismatchRate() == null ? null
                : check.fraction("gates.maxMismatchRate", doc.maxMismatchRate());
        Double flips = doc.maxLabelFlipRate() == null ? null
                : check.fraction("gates.maxLabelFlipRate", doc.maxLabelFlipRate());
        Double drift = doc.maxScoreDrift() == null ? null : check.nonNegative("gates.maxScoreDrift", doc.maxScoreDrift());
        int breaking = doc.schema() == null ? 0 : (int) check.atLeast("gates.schema.breaking",
                check.required("gates.schema", "breaking", doc.schema().breaking(),
                        "how many breaking contract changes are allowed, usually 0"), 0);
        if (!comparing) {
            String set = mismatch != null ? "maxMismatchRate" : flips != null ? "maxLabelFlipRate"
                    : drift != null ? "maxScoreDrift" : doc.schema() != null && !split ? "schema" : null;
            if (set != null) {
                throw check.invalid(child("gates", set), "needs responses compared: shadow mode (or split mode's "
                        + "rehearsal.shadow phase), and compare.enabled not false");
            }
            return split ? new ResponseGates(null, null, null, breaking) : ResponseGates.NONE;
        }
        return new ResponseGates(mismatch, flips, drift, breaking);
    }

    private LatencyGate latencyGate(String path, LatencyGateDoc doc) throws ScenarioException {
        if (doc == null || (doc.maxIncrease() == null && doc.maxMs() == null)) {
            throw check.invalid(path, "needs maxIncrease (e.g. 10%), maxMs (e.g. 250) or both");
        }
        Double maxIncrease = doc.maxIncrease() == null
                ? null
                : check.fraction(child(path, "maxIncrease"), doc.maxIncrease());
        Double maxMs = doc.maxMs() == null ? null : check.positive(child(path, "maxMs"), doc.maxMs());
        return new LatencyGate(maxIncrease, maxMs);
    }
}
