package io.shadowgate.report;

import io.shadowgate.traffic.TrafficScan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identity of a run: enough to know what was compared and to reproduce it. With the result's
 * seal, this is the pre-authorization record {@code shadowgate verify} checks: which versions,
 * which scenario ({@code scenarioSha256}), which traffic ({@code traffic.sha256}).
 *
 * @param scenarioName     scenario name
 * @param scenarioFile     path of the scenario file as given
 * @param scenarioSha256   SHA-256 of the scenario file's bytes, hex
 * @param toolVersion      Shadowgate version
 * @param seed             the scenario seed
 * @param mode             dispatch mode, e.g. {@code shadow}
 * @param started          wall-clock start
 * @param finished         wall-clock end
 * @param partial          true when the run was interrupted before the schedule ended
 * @param command          the command line that reproduces the run
 * @param targetVersions   version identifier per target role, where known ({@code unknown} otherwise);
 *                         kept for readers of older files, {@code targetIdentities} says more
 * @param targetIdentities per target role: the configured version and the versions the target
 *                         reported in its answers; null only in files written before it existed
 * @param traffic          which traffic was replayed: source, SHA-256, record count, skipped records
 * @param earlyStop        when {@code --stop-early} decided the run before its traffic ran out, or null
 */
public record RunInfo(
        String scenarioName,
        String scenarioFile,
        String scenarioSha256,
        String toolVersion,
        long seed,
        String mode,
        Instant started,
        Instant finished,
        boolean partial,
        String command,
        Map<String, String> targetVersions,
        Map<String, TargetIdentity> targetIdentities,
        TrafficScan traffic,
        EarlyStop earlyStop) {

    /** What {@code targetVersions} says when a target's version is not known. */
    public static final String UNKNOWN_VERSION = "unknown";

    /** A run whose targets are known by their configured versions only, as {@code targetVersions} gives them. */
    public RunInfo(String scenarioName, String scenarioFile, String scenarioSha256, String toolVersion, long seed,
                   String mode, Instant started, Instant finished, boolean partial, String command,
                   Map<String, String> targetVersions, TrafficScan traffic, EarlyStop earlyStop) {
        this(scenarioName, scenarioFile, scenarioSha256, toolVersion, seed, mode, started, finished, partial, command,
                targetVersions, configuredOnly(targetVersions), traffic, earlyStop);
    }

    /** The same run with other target identities (and versions), e.g. once the answers were read. */
    public RunInfo withTargets(Map<String, String> versions, Map<String, TargetIdentity> identities) {
        return new RunInfo(scenarioName, scenarioFile, scenarioSha256, toolVersion, seed, mode, started, finished,
                partial, command, versions, identities, traffic, earlyStop);
    }

    private static Map<String, TargetIdentity> configuredOnly(Map<String, String> versions) {
        if (versions == null) {
            return null;
        }
        Map<String, TargetIdentity> identities = new LinkedHashMap<>();
        versions.forEach((role, version) -> identities.put(role,
                TargetIdentity.configured(UNKNOWN_VERSION.equals(version) ? null : version)));
        return identities;
    }
}
