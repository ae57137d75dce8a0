package io.shadowgate.cli;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.PaceCheck;
import io.shadowgate.judge.SchedulePace;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageOutcome;
import io.shadowgate.rehearsal.StageResult;
import io.shadowgate.report.RunResult;
import io.shadowgate.traffic.TrafficScan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The few lines a run prints: the verdict, what decided it, the counts, where the report is. */
final class RunSummaryPrinter {

    private final PrintWriter out;
    private final boolean quiet;

    RunSummaryPrinter(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    void print(RunResult result, Path reportDir) {
        Decision decision = result.verdict().decision();
        out.printf(Locale.ROOT, "%s  %s%s%n", decision, result.info().scenarioName(),
                result.info().partial() ? " (partial: interrupted)" : "");
        if (!quiet) {
            for (String reason : result.verdict().reasons()) {
                out.println("  " + reason);
            }
            if (result.info().earlyStop() != null) {
                out.println("  " + result.info().earlyStop().describe());
            }
            if (result.rollout() != null) {
                printRollout(result.rollout());
            }
            out.println();
            if (result.responses() != null && result.responses().uncompared() > 0) {
                out.printf(Locale.ROOT, "  responses  %d request pairs NOT compared: comparison fell behind the replay%n",
                        result.responses().uncompared());
            }
            TrafficScan traffic = result.info().traffic();
            if (traffic != null) {
                out.printf(Locale.ROOT, "  traffic    %s: %d requests, SHA-256 %s%n", traffic.source(), traffic.records(),
                        traffic.sha256());
                if (traffic.skipped() > 0) {
                    out.printf(Locale.ROOT, "  traffic    %d bad records skipped (listed in the report)%n", traffic.skipped());
                }
                if (traffic.replay() != null && traffic.replay().sideEffectSkipped() > 0) {
                    out.printf(Locale.ROOT, "  traffic    %d POST/PUT/PATCH/DELETE requests NOT replayed: a target does not "
                            + "allow side effects (set allowSideEffects: true on it)%n", traffic.replay().sideEffectSkipped());
                }
            }
            for (TargetSummary t : result.targets()) {
                OutcomeCounts c = t.counts();
                out.printf(Locale.ROOT, "  %-10s %s  %d scheduled: %d 2xx, %d 3xx, %d 4xx, %d 5xx, %d timeouts, "
                                + "%d connection errors, %d not sent%s%n",
                        t.target(), result.info().targetVersions().getOrDefault(t.target(), ""), c.scheduled(),
                        c.status2xx(), c.status3xx(), c.status4xx(), c.status5xx(), c.timeouts(), c.connectionErrors(),
                        c.notSent(), c.addsUp() ? "" : "  (COUNTS DO NOT ADD UP)");
                out.printf(Locale.ROOT, "  %-10s latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; lateness p99 %.3f ms%n",
                        "", t.latency().at(50), t.latency().at(99), t.latency().at(99.9), t.lateness().at(99));
            }
            printPace(result.pace());
            out.println();
            for (GateResult g : result.verdict().gates()) {
                out.printf(Locale.ROOT, "  %-12s %s%s%n", g.decision(), "all".equals(g.scope()) ? "" : g.scope() + ": ",
                        g.reason());
            }
        }
        out.println("  report: " + reportDir.resolve("index.html"));
        out.flush();
    }

    /** Whether the schedule was kept, in one line; the warning on stderr says why not. */
    private void printPace(SchedulePace pace) {
        if (pace == null || pace.percentile() == 0) {
            return;
        }
        String heldBackBy = switch (pace.behind()) {
            case NOTHING -> "";
            case REPLAYER -> "; held back by the replayer's event loop";
            case CONNECTIONS -> "; held back by a target's connection limit";
            case MACHINE -> "; held back by the machine";
        };
        out.printf(Locale.ROOT, "  %-10s %s: lateness p%.0f %.3f ms (bound %.0f ms); %.0f requests/s planned, %.0f sent%s%n",
                "schedule", pace.kept() ? "kept" : "NOT KEPT", pace.percentile(), pace.latenessMillis(),
                PaceCheck.KEPT_MILLIS, pace.plannedPerSecond(), pace.sentPerSecond(), heldBackBy);
    }

    /** One line per phase, then how fast an abort was detected and reverted. */
    private void printRollout(RolloutResult rollout) {
        out.println();
        for (StageResult s : rollout.stages()) {
            out.printf(Locale.ROOT, "  %-18s %-11s %s%n", s.label(), s.outcome(), s.outcome() == StageOutcome.NOT_REACHED
                    ? "" : String.format(Locale.ROOT, "%.1f-%.1f s, %d look(s), %d extension(s), %d requests "
                            + "(%d to the candidate)%s", s.startMillis() / 1000.0, s.endMillis() / 1000.0, s.looks(),
                            s.extensions(), s.requests(), s.candidate().scheduled(), s.addsUp() ? ""
                                    : "  (COUNTS DO NOT ADD UP)"));
        }
        if (rollout.timeToDetectMillis() != null) {
            out.printf(Locale.ROOT, "  detected %d ms after %s; traffic back on the baseline %s ms after that%n",
                    rollout.timeToDetectMillis(), rollout.onset(), rollout.timeToRevertMillis() == null ? "?"
                            : String.valueOf(rollout.timeToRevertMillis()));
        }
    }
}
