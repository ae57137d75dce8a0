package io.shadowgate.report;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.TargetSummary;
import java.util.List;

/**
 * Everything a report is rendered from. Stored as {@code verdict.json}, so every output can
 * be re-rendered later without replaying.
 *
 * @param schemaVersion version of this structure in {@code verdict.json}
 * @param info          run identity
 * @param verdict       the decision and every gate's evidence
 * @param targets       per-target measurements, baseline first
 * @param responses     what comparing the responses found, or null when they were not compared
 */
public record RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets,
                        ResponseFindings responses) {

    /** A result whose responses were not compared. */
    public RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets) {
        this(schemaVersion, info, verdict, targets, null);
    }

    public static final int SCHEMA_VERSION = 1;
}
