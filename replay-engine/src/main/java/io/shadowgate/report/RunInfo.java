package io.shadowgate.report;

import io.shadowgate.traffic.TrafficScan;
import java.time.Instant;
import java.util.Map;

/**
 * Identity of a run: enough to know what was compared and to reproduce it.
 *
 * @param scenarioName   scenario name
 * @param scenarioFile   path of the scenario file as given
 * @param scenarioSha256 SHA-256 of the scenario file's bytes, hex
 * @param toolVersion    Shadowgate version
 * @param seed           the scenario seed
 * @param mode           dispatch mode, e.g. {@code shadow}
 * @param started        wall-clock start
 * @param finished       wall-clock end
 * @param partial        true when the run was interrupted before the schedule ended
 * @param command        the command line that reproduces the run
 * @param targetVersions version identifier per target role, where known
 * @param traffic        which traffic was replayed: source, SHA-256, record count, skipped records
 * @param earlyStop      when {@code --stop-early} decided the run before its traffic ran out, or null
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
        TrafficScan traffic,
        EarlyStop earlyStop) {
}
