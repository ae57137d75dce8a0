package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;

import io.shadowgate.compare.model.ValuePath;
import io.shadowgate.scenario.ScenarioDocument.LatencyDoc;
import io.shadowgate.scenario.ScenarioDocument.SimulatedDoc;
import io.shadowgate.scenario.ScenarioDocument.TargetDoc;
import io.shadowgate.scenario.ScenarioDocument.TargetsDoc;
import io.shadowgate.scenario.ScenarioDocument.VersionFromDoc;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks the {@code targets} section and builds {@link TargetSpec}s from it. */
final class TargetValidator {

    /** Role of the optional second baseline, used to measure run-to-run noise. */
    static final String BASELINE_REPLICA = "baseline-replica";

    private static final String TARGETS = "targets";

    private final FieldChecks check;

    TargetValidator(FieldChecks check) {
        this.check = check;
    }

    /** Targets by role, in the order baseline, candidate, baseline-replica. */
    Map<String, TargetSpec> targets(TargetsDoc doc) throws ScenarioException {
        TargetsDoc targets = check.required("", TARGETS, doc);
        Map<String, TargetSpec> byRole = new LinkedHashMap<>();
        byRole.put(Scenario.BASELINE, target(Scenario.BASELINE,
                check.required(TARGETS, Scenario.BASELINE, targets.baseline())));
        byRole.put(Scenario.CANDIDATE, target(Scenario.CANDIDATE,
                check.required(TARGETS, Scenario.CANDIDATE, targets.candidate())));
        if (targets.baselineReplica() != null) {
            byRole.put(BASELINE_REPLICA, target(BASELINE_REPLICA, targets.baselineReplica()));
        }
        return Collections.unmodifiableMap(byRole);
    }

    private TargetSpec target(String role, TargetDoc doc) throws ScenarioException {
        String path = child(TARGETS, role);
        if (doc.url() != null && doc.simulated() != null) {
            throw check.invalid(path, "give either url or simulated, not both");
        }
        if (doc.url() == null && doc.simulated() == null) {
            throw check.invalid(path, "needs either url (a running service) or simulated (a simulated server)");
        }
        URI url = doc.url() == null ? null : url(child(path, "url"), doc.url());
        SimulatedProfile simulated = doc.simulated() == null ? null : simulated(child(path, "simulated"), doc.simulated());
        boolean sideEffects = doc.allowSideEffects() != null ? doc.allowSideEffects() : simulated != null;
        Map<String, String> headers = targetHeaders(child(path, "headers"), doc.headers());
        String host = doc.host();
        if (host != null && (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw check.invalid(child(path, "host"), "expected a host name such as api.internal or api.internal:8080");
        }
        String version = version(path, doc.version(), simulated);
        VersionSource versionFrom = doc.versionFrom() == null ? null : versionFrom(child(path, "versionFrom"), doc.versionFrom());
        return new TargetSpec(url, simulated, sideEffects, headers, host, version, versionFrom);
    }

    /** The configured version: {@code version}, else the simulated model's; both given must agree. */
    private String version(String path, String text, SimulatedProfile simulated) throws ScenarioException {
        if (text == null) {
            return simulated == null ? null : simulated.version();
        }
        String at = child(path, "version");
        if (text.isBlank()) {
            throw check.invalid(at, "must not be empty; expected the version this target runs, e.g. \"2.3.1\"");
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw check.invalid(at, "must not start or end with spaces or hold control characters");
        }
        if (simulated != null && !text.equals(simulated.version())) {
            throw check.invalid(at, "'" + text + "' differs from simulated.version '" + simulated.version()
                    + "'; a simulated target runs its simulated.version, so leave version out or give the same");
        }
        return text;
    }

    /** Where the target reports its version: a response header, or a field of a JSON body. */
    private VersionSource versionFrom(String path, VersionFromDoc doc) throws ScenarioException {
        if (doc.header() != null && doc.field() != null) {
            throw check.invalid(path, "give either header or field, not both");
        }
        if (doc.header() == null && doc.field() == null) {
            throw check.invalid(path, "needs header (e.g. {header: X-Model-Version}) or field "
                    + "(e.g. {field: $.modelVersion})");
        }
        if (doc.header() != null) {
            if (!isToken(doc.header())) {
                throw check.invalid(child(path, "header"), "'" + doc.header() + "' is not a header name; expected "
                        + "letters, digits and !#$%&'*+-.^_`|~, e.g. X-Model-Version");
            }
            return VersionSource.header(doc.header());
        }
        ValuePath field;
        try {
            field = ValuePath.parse(doc.field().strip());
        } catch (IllegalArgumentException e) {
            throw check.invalid(child(path, "field"), e.getMessage() + "; expected a field path such as $.modelVersion");
        }
        if (field.toString().equals("$")) {
            throw check.invalid(child(path, "field"), "names the whole body; expected a field path such as $.modelVersion");
        }
        return VersionSource.field(field);
    }

    /** An HTTP token (RFC 9110 section 5.6.2), which a header name must be. */
    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c)
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    /** Per-target headers; {@code ${env:NAME}} values are checked for form here and read at run time. */
    private Map<String, String> targetHeaders(String path, Map<String, String> doc) throws ScenarioException {
        if (doc == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : doc.entrySet()) {
            String value = e.getValue();
            if (value == null) {
                throw check.invalid(child(path, e.getKey()), "expected a value (or ${env:NAME})");
            }
            if (value.contains("${") && !EnvReference.PATTERN.matcher(value).matches()) {
                throw check.invalid(child(path, e.getKey()), "write an environment reference as the whole value: "
                        + "${env:NAME}, with NAME made of letters, digits and _");
            }
            headers.put(e.getKey(), value);
        }
        return Collections.unmodifiableMap(headers);
    }

    private URI url(String path, String text) throws ScenarioException {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw check.invalid(path, "not a valid URL (" + e.getReason() + "): '" + text + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw check.invalid(path, "https targets are not supported yet");
        }
        if (!scheme.equals("http")) {
            throw check.invalid(path, "expected an http:// URL such as http://127.0.0.1:8080, found '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw check.invalid(path, "the URL '" + text + "' has no (valid) host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Request paths are appended to this URL; a query here would end up mid-path.
            throw check.invalid(path, "the URL must not have a query or fragment; put queries in traffic.requests[].path");
        }
        return uri;
    }

    SimulatedProfile simulated(String path, SimulatedDoc doc) throws ScenarioException {
        String version = check.required(path, "version", doc.version());
        if (version.isBlank()) {
            throw check.invalid(child(path, "version"), "must not be empty");
        }
        LatencyProfile latency = doc.latency() == null
                ? LatencyProfile.INSTANT
                : latency(child(path, "latency"), doc.latency());
        double errorRate = doc.errorRate() == null ? 0 : check.probability(child(path, "errorRate"), doc.errorRate());
        int errorStatus = doc.errorStatus() == null ? SimulatedProfile.DEFAULT_ERROR_STATUS : doc.errorStatus();
        if (errorStatus < 500 || errorStatus > 599) {
            throw check.invalid(child(path, "errorStatus"), "must be a 5xx status (500..599), found " + errorStatus);
        }
        List<FaultSpec> faults = new FaultsValidator(check).faults(child(path, "faults"), doc.faults());
        ResponseVariation responses = new ResponseVariationValidator(check)
                .variation(child(path, "responses"), doc.responses());
        int concurrency = doc.concurrency() == null
                ? SimulatedProfile.UNLIMITED_CONCURRENCY
                : (int) check.atLeast(child(path, "concurrency"), doc.concurrency(), 1);
        return new SimulatedProfile(version, latency, errorRate, errorStatus, faults, responses, concurrency);
    }

    private LatencyProfile latency(String path, LatencyDoc doc) throws ScenarioException {
        Duration median = check.duration(child(path, "median"), check.required(path, "median", doc.median()));
        double sigma = doc.sigma() == null ? 0 : check.nonNegative(child(path, "sigma"), doc.sigma());
        double tailProbability = doc.tailProbability() == null
                ? 0
                : check.probability(child(path, "tailProbability"), doc.tailProbability());
        Duration tail = doc.tail() == null ? Duration.ZERO : check.duration(child(path, "tail"), doc.tail());
        if (tailProbability > 0) {
            check.required(path, "tail", doc.tail(), "required when tailProbability is above 0");
            if (tail.isZero()) {
                throw check.invalid(child(path, "tail"), "must be greater than 0 when tailProbability is above 0");
            }
        }
        return new LatencyProfile(millis(median), sigma, tailProbability, millis(tail));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
