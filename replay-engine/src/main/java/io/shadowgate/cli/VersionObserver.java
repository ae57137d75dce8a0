package io.shadowgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.judge.Verdict;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.OutcomeSink;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.TargetIdentity;
import io.shadowgate.report.TargetIdentity.ObservedVersion;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.TargetSpec;
import io.shadowgate.scenario.VersionSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Reads the version each target reports in its answers (its {@code versionFrom}: a header or a
 * JSON field) and counts the distinct values, so the verdict can say "candidate reported 2.3.1
 * in 100% of responses", and says so when that contradicts the configured version.
 *
 * <p>Any thread may call {@link #accept}: counting a value already seen is lock-free; a new value
 * takes a short lock, and only the first {@value TargetIdentity#MAX_OBSERVED} distinct values per
 * target are kept, the rest counted together, so memory does not grow with what a target sends.
 * A header costs a lookup; a field parses the body on the calling thread, scanning only the top
 * level for a plain {@code $.name}, so prefer a header where the service sends one.
 * {@link #identities()} and {@link #record} are for after the replay.
 */
final class VersionObserver implements OutcomeSink {

    /** Longer reported values are cut here: a misbehaving target must not fill the verdict. */
    static final int MAX_VALUE_LENGTH = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final Pattern TOP_LEVEL_NAME = Pattern.compile("\\$\\.([A-Za-z_][A-Za-z0-9_-]*)");

    private final Map<String, TargetSpec> targets;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /** Observes every target of {@code scenario} that has a {@code versionFrom}. */
    VersionObserver(Scenario scenario) {
        this.targets = scenario.targets();
        targets.forEach((role, spec) -> {
            if (spec.versionFrom() != null) {
                tallies.put(role, new Tally(spec.versionFrom()));
            }
        });
    }

    /** Whether outcomes must carry response headers and bodies for this to see anything. */
    boolean needsResponses() {
        return !tallies.isEmpty();
    }

    @Override
    public void accept(Outcome outcome) {
        if (outcome.kind() != OutcomeKind.RESPONSE) {
            return;
        }
        Tally tally = tallies.get(outcome.target());
        if (tally != null) {
            tally.count(tally.read(outcome));
        }
    }

    /** Per target role, in scenario order: the configured version and what the target reported. */
    Map<String, TargetIdentity> identities() {
        Map<String, TargetIdentity> identities = new LinkedHashMap<>();
        targets.forEach((role, spec) -> {
            Tally tally = tallies.get(role);
            identities.put(role, tally == null ? TargetIdentity.configured(spec.version())
                    : tally.identity(spec.version()));
        });
        return identities;
    }

    /**
     * {@code result} with its pre-authorization record completed: the target identities, the
     * configured versions in {@code targetVersions}, and a reason line for each target whose
     * answers contradict its configured version or name more than one version. The decision is
     * left as judged; {@code shadowgate verify} refuses a version such a line contradicts.
     */
    RunResult record(RunResult result) {
        Map<String, TargetIdentity> identities = identities();
        Map<String, String> versions = new LinkedHashMap<>(result.info().targetVersions());
        identities.forEach((role, identity) -> {
            if (identity.version() != null) {
                versions.put(role, identity.version());
            }
        });
        if (versions.containsKey(RunTargets.BASELINE_REPEAT)) {
            versions.put(RunTargets.BASELINE_REPEAT, versions.get(Scenario.BASELINE));
        }
        List<String> contradictions = new ArrayList<>();
        identities.forEach((role, identity) -> contradictions.addAll(identity.contradictions(role)));
        Verdict verdict = result.verdict();
        if (!contradictions.isEmpty()) {
            List<String> reasons = new ArrayList<>(verdict.reasons());
            reasons.addAll(contradictions);
            verdict = new Verdict(verdict.decision(), verdict.gates(), List.copyOf(reasons), verdict.windows());
        }
        RunInfo info = result.info().withTargets(versions, identities);
        return new RunResult(result.schemaVersion(), info, verdict, result.targets(), result.responses(),
                result.rollout(), result.capacity(), result.pace(), result.seal());
    }

    /** The counts of one target; thread-safe. */
    private static final class Tally {

        private final VersionSource source;
        private final String topLevelField;
        private final ConcurrentHashMap<String, LongAdder> values = new ConcurrentHashMap<>();
        private final LongAdder others = new LongAdder();
        private final LongAdder unreported = new LongAdder();

        Tally(VersionSource source) {
            this.source = source;
            var plain = source.field() == null ? null : TOP_LEVEL_NAME.matcher(source.field().toString());
            this.topLevelField = plain != null && plain.matches() ? plain.group(1) : null;
        }

        /** The version one answer reports, or null when it reports none. */
        String read(Outcome outcome) {
            String value = source.header() != null ? outcome.response().header(source.header()) : field(outcome.response().body());
            if (value == null || value.isBlank()) {
                return null;
            }
            value = value.strip();
            return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
        }

        private String field(byte[] body) {
            if (body.length == 0) {
                return null;
            }
            try {
                if (topLevelField != null) {
                    return topLevel(body);
                }
                return text(source.field().find(JSON.readTree(body)));
            } catch (IOException e) {
                return null;
            }
        }

        /** {@code $.name} without building a tree: the top level's members, skipping every value but one. */
        private String topLevel(byte[] body) throws IOException {
            try (JsonParser p = FACTORY.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals(topLevelField)) {
                        return value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : null;
                    }
                    p.skipChildren();
                }
                return null;
            }
        }

        /** A string, number or boolean as its text; anything else is no version. */
        private static String text(JsonNode node) {
            return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
        }

        void count(String value) {
            if (value == null) {
                unreported.increment();
                return;
            }
            LongAdder seen = values.get(value);
            if (seen == null) {
                synchronized (this) {
                    seen = values.get(value);
                    if (seen == null && values.size() < TargetIdentity.MAX_OBSERVED) {
                        seen = new LongAdder();
                        values.put(value, seen);
                    }
                }
            }
            (seen != null ? seen : others).increment();
        }

        TargetIdentity identity(String configured) {
            List<ObservedVersion> observed = new ArrayList<>();
            values.forEach((value, count) -> observed.add(new ObservedVersion(value, count.sum())));
            observed.sort(Comparator.comparingLong(ObservedVersion::responses).reversed()
                    .thenComparing(ObservedVersion::value));
            long responses = observed.stream().mapToLong(ObservedVersion::responses).sum() + others.sum()
                    + unreported.sum();
            return new TargetIdentity(configured, source.describe(), responses, observed, others.sum(),
                    unreported.sum());
        }
    }
}
