package io.shadowgate.cli;

import io.shadowgate.compare.ContractRecorder;
import io.shadowgate.compare.ResponseComparisonRecorder;
import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.PairListener;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.metrics.WindowRecorder;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import io.shadowgate.scenario.Scenario;

/**
 * Where every outcome of a run goes: the metrics, then either the rollout's ledger (split mode)
 * or the pairs, the windows and the response comparison (shadow mode). Any part but the
 * metrics may be null when the run has no use for it.
 *
 * <p>One class for every run and for its {@link Warmup}, rather than a lambda per pipeline, so
 * that the code the JIT compiles during the warm-up is the code the run calls: the event loop
 * inlines this sink into its response path, and meeting a second sink class in the measured
 * run threw that compiled path away. The run then recompiled it under load and sent its first
 * two seconds at half the rate (bench/README.md, "Why the first seconds were slow").
 */
record RunOutcomes(MetricsRecorder metrics, OutcomeSink versions, OutcomeSink rolloutLedger,
                   ContractRecorder contracts, PairedLatencyRecorder pairs, WindowRecorder windows,
                   ResponseComparisonRecorder responses) implements OutcomeSink {

    /** A shadow-mode sink: metrics, pairs, and responses when they are compared. */
    static RunOutcomes shadow(MetricsRecorder metrics, PairedLatencyRecorder pairs, ResponseComparisonRecorder responses) {
        return new RunOutcomes(metrics, null, null, null, pairs, null, responses);
    }

    /** The latency pairs of {@code scenario}'s run, each told to {@code windows} when the run has windows. */
    static PairedLatencyRecorder pairs(Scenario scenario, WindowRecorder windows) {
        return new PairedLatencyRecorder(Scenario.BASELINE, Scenario.CANDIDATE, PairedLatencyRecorder.DEFAULT_CAPACITY,
                scenario.seed(), windows == null ? PairListener.NONE : windows);
    }

    /**
     * A throwaway sink for the warm-up, of the same classes as a shadow run's whose parts are
     * {@code versions}, {@code windows} (null: none) and {@code compared}: fresh ones, so the
     * warm-up's outcomes reach nothing the run reports. Its response comparison, if any, is the
     * caller's to close.
     */
    static RunOutcomes warmupTwin(MetricsRecorder metrics, Scenario scenario, boolean versions, WindowRecorder windows,
                                  boolean compared) {
        WindowRecorder twinWindows = windows == null ? null
                : new WindowRecorder(Scenario.BASELINE, Scenario.CANDIDATE, windows.windowNanos(), scenario.seed());
        // The warm-up has no replica to measure noise with: its comparison pairs the two targets only.
        ResponseComparisonRecorder responses = compared ? new ResponseComparisonRecorder(scenario.compare(),
                Scenario.BASELINE, Scenario.CANDIDATE, null, scenario.seed()) : null;
        return new RunOutcomes(metrics, versions ? new VersionObserver(scenario) : null, null, null,
                pairs(scenario, twinWindows), twinWindows, responses);
    }

    @Override
    public void accept(Outcome outcome) {
        metrics.accept(outcome);
        if (versions != null) {
            versions.accept(outcome);
        }
        if (rolloutLedger != null) {
            // The rollout pairs what it sent to both (its shadow phase) and hands those on.
            rolloutLedger.accept(outcome);
            if (contracts != null) {
                contracts.accept(outcome);
            }
            return;
        }
        pairs.accept(outcome);
        if (windows != null) {
            windows.accept(outcome);
        }
        if (responses != null) {
            responses.accept(outcome);
        }
    }
}
