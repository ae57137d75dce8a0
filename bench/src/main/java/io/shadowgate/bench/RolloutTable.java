package io.shadowgate.bench;

import io.shadowgate.compare.model.WilsonInterval;
import io.shadowgate.judge.Decision;
import io.shadowgate.rehearsal.Phase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders rollout calibration results as Markdown tables, from {@link RolloutCellResult}s
 * alone. Every rate has a Wilson 95 % interval. The check column reads: for a false NO_GO
 * (A/A) or false GO (a candidate at a margin) rate, {@code ok} when the observed rate is at
 * most 1 − C, {@code ok (within error)} when it is above but its interval reaches 1 − C,
 * {@code FAILS} when the whole interval is above; for the bad candidate's power, {@code —}.
 */
final class RolloutTable {

    static final double CONFIDENCE = 0.95;

    private RolloutTable() {
    }

    static String header() {
        return "| gates | rate/s | traffic | candidate | runs | GO | NO_GO | INCONCL. (abandoned / ran out) | claim "
                + "| check | median looks (time) | median candidate requests "
                + "| median looks to NO_GO: in all (in its stage) | s |\n" + "|---".repeat(14) + "|";
    }

    static String row(RolloutCellResult r, double confidence) {
        RolloutCell cell = r.cell();
        long n = Math.max(1, r.done());
        long watched = r.count(r.watched());
        double limit = 1 - confidence;
        String claim;
        String check;
        if (cell.truth() == RolloutCell.Truth.BAD) {
            claim = "power (NO_GO)";
            check = "—";
        } else {
            WilsonInterval w = WilsonInterval.of(watched, n, CONFIDENCE);
            claim = (cell.truth().goIsFalse() ? "false GO" : "false NO_GO") + " ≤ " + percent(limit);
            check = (double) watched / n <= limit ? "ok" : w.lower() <= limit ? "ok (within error)" : "**FAILS**";
        }
        long abandoned = r.count(RolloutRun.Ending.ABANDONED);
        long ranOut = r.count(RolloutRun.Ending.RAN_OUT);
        double lookSeconds = RolloutOptions.LOOK.toMillis() / 1000.0;
        double looks = r.median(x -> true, RolloutRun::looks);
        String toAbort = r.count(Decision.NO_GO) == 0 ? "—"
                : plain(r.median(x -> x.decision() == Decision.NO_GO, RolloutRun::looks)) + " ("
                        + plain(r.median(x -> x.decision() == Decision.NO_GO, RolloutRun::phaseLooks)) + ")";
        return String.format(Locale.ROOT,
                "| %s | %,d | %s | %s | %s | %s | %s | %s (%s / %s) | %s | %s | %s (%s s) | %s | %s | %.0f |",
                cell.gateSet().label(), cell.rate(), cell.traffic(), cell.candidate(),
                r.cut() ? r.done() + " of " + r.asked() + " (cut by budget)" : String.valueOf(r.done()),
                withInterval(r.count(Decision.GO), n), withInterval(r.count(Decision.NO_GO), n),
                withInterval(r.count(Decision.INCONCLUSIVE), n), percent((double) abandoned / n),
                percent((double) ranOut / n), claim, check, plain(looks), plain(looks * lookSeconds),
                count(r.median(x -> true, RolloutRun::candidateRequests)), toAbort, r.seconds());
    }

    /** Where the runs of each cell ended, stage by stage, and which gates the aborts named. */
    static String phasesHeader(List<Phase> phases) {
        return "| gates | rate/s | traffic | candidate | "
                + phases.stream()
                        .map(p -> p.label() + ": reached → promoted (median looks), NO_GO, abandoned, ran out")
                        .collect(Collectors.joining(" | "))
                + " | gates breached (NO_GO runs) | gates undecided (INCONCL. runs) |\n"
                + "|---".repeat(6 + phases.size()) + "|";
    }

    static String phasesRow(RolloutCellResult r, List<Phase> phases) {
        RolloutCell cell = r.cell();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %s | %s |",
                cell.gateSet().option(), cell.rate(), cell.traffic(), cell.truth().label()));
        for (Phase phase : phases) {
            int i = phase.index();
            long reached = r.reached(i);
            if (reached == 0) {
                row.append(" — |");
                continue;
            }
            long promoted = r.promoted(i);
            row.append(String.format(Locale.ROOT, " %d → %d%s, %d, %d, %d |", reached, promoted,
                    promoted == 0 ? "" : " (" + plain(r.medianLooksToPromote(i)) + ")",
                    r.endedAt(i, RolloutRun.Ending.ABORTED), r.endedAt(i, RolloutRun.Ending.ABANDONED),
                    r.endedAt(i, RolloutRun.Ending.RAN_OUT)));
        }
        row.append(' ').append(gates(r.blockingGates(x -> x.decision() == Decision.NO_GO))).append(" |");
        row.append(' ').append(gates(r.blockingGates(x -> x.decision() == Decision.INCONCLUSIVE))).append(" |");
        return row.toString();
    }

    private static String gates(Map<String, Long> counts) {
        return counts.isEmpty() ? "—" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** A rate with its Wilson 95 % interval, in percent. */
    static String withInterval(long count, long trials) {
        WilsonInterval w = WilsonInterval.of(count, trials, CONFIDENCE);
        return String.format(Locale.ROOT, "%.1f %% [%.1f, %.1f]", 100.0 * count / trials, 100 * w.lower(),
                100 * w.upper());
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : plain(Math.round(1000 * fraction) / 10.0) + " %";
    }

    private static String count(double x) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%,d", Math.round(x));
    }

    /** A number without trailing zeros: {@code 0.5}, {@code 1}, {@code 12.5}. */
    static String plain(double x) {
        return new BigDecimal(String.format(Locale.ROOT, "%.4f", x)).stripTrailingZeros().toPlainString();
    }
}
