package io.shadowgate.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Which version a target was, as the scenario said it and as the target itself reported it in
 * its answers: the part of the pre-authorization record that names what was compared. Every
 * answer the target gave is counted exactly once, so
 * {@code responses = sum(observed) + otherValues + unreported}.
 *
 * @param version     the configured version ({@code version:}, or a simulated target's
 *                    {@code simulated.version}), or null when the scenario named none
 * @param versionFrom where the target reports its version, e.g. {@code header X-Model-Version},
 *                    or null when it was not read from the answers
 * @param responses   answers inspected for a version (every response, whatever its status)
 * @param observed    the distinct versions reported, at most {@value #MAX_OBSERVED}, most
 *                    frequent first, each with the answers that reported it
 * @param otherValues answers that reported yet another version, beyond the ones listed
 * @param unreported  answers that carried no version (no such header, no such field, not JSON)
 */
public record TargetIdentity(String version, String versionFrom, long responses, List<ObservedVersion> observed,
                             long otherValues, long unreported) {

    /** Distinct reported versions kept per target; more are counted in {@code otherValues}. */
    public static final int MAX_OBSERVED = 5;

    /** One version a target reported, and in how many answers. */
    public record ObservedVersion(String value, long responses) {
    }

    public TargetIdentity {
        observed = List.copyOf(observed);
    }

    /** A target known by its configured version only (null when none), not read from its answers. */
    public static TargetIdentity configured(String version) {
        return new TargetIdentity(version, null, 0, List.of(), 0, 0);
    }

    /** Whether the target's answers were read for a version. */
    public boolean observes() {
        return versionFrom != null;
    }

    /** Answers that reported some version. */
    public long reported() {
        return responses - unreported;
    }

    /**
     * What was seen, for people, e.g. {@code candidate reported 2.3.1 in 100% of 1,204 responses
     * (header X-Model-Version)}; for a target not observed, its configured version only.
     */
    public String describe(String role) {
        if (!observes()) {
            return role + " is configured as " + (version == null ? "no particular version" : version)
                    + "; its answers were not read for a version";
        }
        if (reported() == 0) {
            return role + " reported no version in " + ReportNumbers.count(responses) + " responses (" + versionFrom + ")";
        }
        List<String> values = new ArrayList<>();
        for (ObservedVersion v : observed) {
            values.add(v.value() + " in " + share(v.responses()));
        }
        if (otherValues > 0) {
            values.add("other versions in " + share(otherValues));
        }
        if (unreported > 0) {
            values.add("none in " + share(unreported));
        }
        return role + " reported " + String.join(", ", values) + " of " + ReportNumbers.count(responses)
                + " responses (" + versionFrom + ")";
    }

    /**
     * Why what the target reported contradicts its configured version, or is no single version:
     * one line each, empty when it is consistent (or not observed). A verdict carries these as
     * reasons, and {@code shadowgate verify} refuses a version they contradict.
     */
    public List<String> contradictions(String role) {
        if (!observes()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (reported() == 0) {
            problems.add(describe(role) + ": which version answered is unconfirmed");
            return problems;
        }
        if (observed.size() > 1 || otherValues > 0) {
            problems.add(describe(role) + ": more than one version answered");
        }
        if (version != null && observed.stream().anyMatch(v -> !v.value().equals(version))) {
            problems.add(describe(role) + ", but is configured as " + version);
        }
        return problems;
    }

    /**
     * Why this target cannot be taken to be version {@code expected}, one line each; empty when
     * it can: its configured version (when the scenario named one) is {@code expected}, every
     * version it reported (when its answers were read) is {@code expected}, and at least one of
     * the two says so.
     */
    public List<String> mismatches(String role, String expected) {
        List<String> problems = new ArrayList<>();
        if (version == null && !observes()) {
            problems.add("the verdict names no " + role + " version (set targets." + role
                    + ".version or versionFrom in the scenario)");
            return problems;
        }
        if (version != null && !version.equals(expected)) {
            problems.add(role + " version is " + version + ", not " + expected);
        }
        if (observes()) {
            boolean onlyExpected = reported() > 0 && otherValues == 0
                    && observed.stream().allMatch(v -> v.value().equals(expected));
            if (!onlyExpected) {
                problems.add(describe(role) + ", not only " + expected);
            }
        }
        return problems;
    }

    private String share(long count) {
        return ReportNumbers.percent(responses == 0 ? Double.NaN : (double) count / responses);
    }
}
