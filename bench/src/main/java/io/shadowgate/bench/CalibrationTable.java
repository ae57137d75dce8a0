package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import java.util.Locale;

/**
 * Renders calibration results as Markdown table rows, from {@link CalibrationResult}s alone.
 * The check column reads: for a false GO or false NO_GO rate, {@code ok} when the observed
 * rate is at most 1 − C, {@code ok (within error)} when it is above but its 95 % interval
 * reaches 1 − C, {@code FAILS} when the whole interval is above; for power, where a target
 * applies, {@code met}, {@code within error} or {@code NOT MET} the same way round. When the
 * runs stopped early, a column more gives the median request pairs the verdicts were reached
 * on, over all runs (an undecided run counts all n) and over the decided runs.
 */
final class CalibrationTable {

    private CalibrationTable() {
    }

    /** With {@code looks}, a column more: the median traffic the verdicts were reached on. */
    static String header(boolean looks) {
        return "| gate | population | n | candidate | runs | GO | NO_GO | INCONCL. | rate that matters [95 % interval] "
                + "| bound | check | median estimate | median interval width | median detectable (80 % power) "
                + "| median traffic to decide (INCONCL.) |" + (looks ? " median pairs to decide: all runs (decided runs) |" : "")
                + " s |\n" + "|---".repeat(looks ? 17 : 16) + "|";
    }

    static String row(CalibrationResult r, double confidence, boolean looks) {
        CalibrationCell cell = r.cell();
        CalibrationScenario scenario = cell.scenario();
        CalibrationRate watched = r.watched();
        String matters = scenario.rateName() + " " + withInterval(watched);
        if (scenario == CalibrationScenario.A_A) {
            matters += "; GO " + withInterval(r.rate(Decision.GO));
        }
        String bound;
        String check;
        if (scenario.isErrorRate()) {
            double limit = 1 - confidence;
            bound = "≤ " + percent(limit);
            check = watched.rate() <= limit ? "ok" : watched.lower() <= limit ? "ok (within error)" : "**FAILS**";
        } else if (cell instanceof CalibrationCell.Latency && cell.n() == CalibrationOptions.POWER_TARGET_SIZE) {
            double target = CalibrationOptions.POWER_TARGET;
            bound = "≥ " + percent(target);
            check = watched.rate() >= target ? "met" : watched.upper() >= target ? "within error" : "**NOT MET**";
        } else {
            bound = "—";
            check = "—";
        }
        boolean latency = cell instanceof CalibrationCell.Latency;
        String toDecide = count(r.medianToDecide());
        if (r.inconclusiveWithoutNumber() > 0) {
            toDecide += " (" + r.inconclusiveWithoutNumber() + " without a number)";
        }
        String pairs = !looks ? "" : " " + count(r.medianPairs(false)) + " (" + count(r.medianPairs(true)) + ") |";
        return String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%s %.1f |",
                latency ? "p99 +10 %" : "errors +0.5 pp", cell.population(), cell.n(),
                cell.candidate() + " (" + scenario.label() + ")",
                r.cut() ? r.done() + " of " + r.asked() + " (cut by budget)" : String.valueOf(r.done()),
                percent(r.rate(Decision.GO).rate()), percent(r.rate(Decision.NO_GO).rate()),
                percent(r.rate(Decision.INCONCLUSIVE).rate()), matters, bound, check,
                latency ? signedPercent(r.medianEstimate()) : signedPoints(r.medianEstimate()),
                latency ? percent(r.medianWidth()) : points(r.medianWidth()),
                latency ? signedPercent(r.medianDetectable()) : signedPoints(r.medianDetectable()), toDecide, pairs, r.seconds());
    }

    /** The rate and its interval, in percent; two decimals once there are enough runs to mean them. */
    private static String withInterval(CalibrationRate rate) {
        String f = rate.trials() >= 2_000 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, f + " %% [" + f + ", " + f + "]", 100 * rate.rate(), 100 * rate.lower(),
                100 * rate.upper());
    }

    private static String count(double x) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, "%,d", Math.round(x));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    private static String signedPercent(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
    }

    private static String points(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f pp", 100 * fraction);
    }

    private static String signedPoints(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%+.2f pp", 100 * fraction);
    }
}
