package io.shadowgate.report;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.CapacityCurves;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.rehearsal.RolloutResult;
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
 * @param rollout       split mode's staged rollout as it happened, or null in shadow mode
 * @param capacity      capacity mode's curves and knees per budget and version, or null when not asked for
 * @param pace          whether the replay kept its schedule; null for merged shards, judged files and older files
 * @param seal          digest of everything else in the stored file ({@link VerdictSeal}); null until
 *                      {@link VerdictJsonWriter} seals the result it writes, and in older files
 */
public record RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets,
                        ResponseFindings responses, RolloutResult rollout, List<CapacityCurves> capacity,
                        SchedulePace pace, Seal seal) {

    /** A result not sealed yet: the writer seals what it writes. */
    public RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets,
                     ResponseFindings responses, RolloutResult rollout, List<CapacityCurves> capacity) {
        this(schemaVersion, info, verdict, targets, responses, rollout, capacity, null, null);
    }

    /** A shadow-mode result not sealed yet. */
    public RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets,
                     ResponseFindings responses) {
        this(schemaVersion, info, verdict, targets, responses, null, null, null, null);
    }

    /** A result whose responses were not compared. */
    public RunResult(int schemaVersion, RunInfo info, Verdict verdict, List<TargetSummary> targets) {
        this(schemaVersion, info, verdict, targets, null, null, null, null, null);
    }

    public static final int SCHEMA_VERSION = 1;

    /** The same result with another seal (null for none). */
    public RunResult withSeal(Seal newSeal) {
        return new RunResult(schemaVersion, info, verdict, targets, responses, rollout, capacity, pace, newSeal);
    }

    /** The same result, not sealed, with how the replay kept its schedule. */
    public RunResult withPace(SchedulePace newPace) {
        return new RunResult(schemaVersion, info, verdict, targets, responses, rollout, capacity, newPace, null);
    }
}
