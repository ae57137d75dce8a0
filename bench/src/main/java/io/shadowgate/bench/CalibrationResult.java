package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import java.util.List;

/**
 * One cell's runs, summarized: how often each decision came out, and the medians the table
 * shows. Built from the runs that finished; the table is rendered from this alone.
 *
 * @param cell      the cell
 * @param asked     runs asked for
 * @param runs      the runs that finished (fewer than asked when the time budget cut the cell)
 * @param seconds   wall time of the cell
 */
record CalibrationResult(CalibrationCell cell, int asked, List<CalibrationRun> runs, double seconds) {

    CalibrationResult {
        runs = List.copyOf(runs);
    }

    int done() {
        return runs.size();
    }

    boolean cut() {
        return runs.size() < asked;
    }

    /** How often {@code decision} came out. */
    CalibrationRate rate(Decision decision) {
        return new CalibrationRate(runs.stream().filter(r -> r.decision() == decision).count(), Math.max(1, done()));
    }

    /** The rate the cell is about: false NO_GO (A/A), false GO (at the margin) or power (2δ). */
    CalibrationRate watched() {
        return rate(cell.scenario().watched());
    }

    double medianEstimate() {
        return Medians.of(runs.stream().mapToDouble(CalibrationRun::estimate).filter(x -> !Double.isNaN(x)).toArray());
    }

    double medianWidth() {
        return Medians.of(runs.stream().mapToDouble(CalibrationRun::width).filter(x -> !Double.isNaN(x)).toArray());
    }

    /** Median of the judge's smallest-detectable-regression figure; NaN if the gate gives none. */
    double medianDetectable() {
        return Medians.of(runs.stream().mapToDouble(CalibrationRun::detectable).filter(x -> !Double.isNaN(x)).toArray());
    }

    /** Median of the "would likely decide" totals over the INCONCLUSIVE runs that state one; NaN if none do. */
    double medianToDecide() {
        return Medians.of(runs.stream().filter(r -> r.decision() == Decision.INCONCLUSIVE && r.toDecide() >= 0)
                .mapToDouble(CalibrationRun::toDecide).toArray());
    }

    /** INCONCLUSIVE runs whose reason says no amount of traffic is likely to decide (or states no number). */
    long inconclusiveWithoutNumber() {
        return runs.stream().filter(r -> r.decision() == Decision.INCONCLUSIVE && r.toDecide() < 0).count();
    }

    /**
     * Median of the traffic the verdicts were reached on: over every run ({@code decidedOnly}
     * false; an undecided run counts all n) or over the runs that came to GO or NO_GO. NaN if none.
     */
    double medianPairs(boolean decidedOnly) {
        return Medians.of(runs.stream().filter(r -> !decidedOnly || r.decision() != Decision.INCONCLUSIVE)
                .mapToDouble(CalibrationRun::pairs).toArray());
    }
}
