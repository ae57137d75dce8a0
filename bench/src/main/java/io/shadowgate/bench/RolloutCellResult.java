package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One rollout cell's runs, summarized: how often each verdict and ending came out, the
 * medians the tables show, and what happened at each phase. The tables are rendered from
 * this alone.
 *
 * @param cell    the cell
 * @param asked   runs asked for
 * @param runs    the runs that finished (fewer than asked when the time budget cut the cell)
 * @param seconds wall time of the cell
 */
record RolloutCellResult(RolloutCell cell, int asked, List<RolloutRun> runs, double seconds) {

    RolloutCellResult {
        runs = List.copyOf(runs);
    }

    int done() {
        return runs.size();
    }

    boolean cut() {
        return runs.size() < asked;
    }

    long count(Decision decision) {
        return count(r -> r.decision() == decision);
    }

    long count(RolloutRun.Ending ending) {
        return count(r -> r.ending() == ending);
    }

    long count(Predicate<RolloutRun> which) {
        return runs.stream().filter(which).count();
    }

    /** The verdict the cell's claim is about: GO for a candidate at a margin (false GO), else NO_GO. */
    Decision watched() {
        return cell.truth().goIsFalse() ? Decision.GO : Decision.NO_GO;
    }

    /** Median of {@code metric} over the runs {@code which} selects; NaN if none. */
    double median(Predicate<RolloutRun> which, ToDoubleFunction<RolloutRun> metric) {
        return Medians.of(runs.stream().filter(which).mapToDouble(metric).toArray());
    }

    /** Runs that reached phase {@code phase}. */
    long reached(int phase) {
        return count(r -> r.phase() >= phase);
    }

    /** Runs whose phase {@code phase} was promoted (the rollout went on, or completed there). */
    long promoted(int phase) {
        return count(r -> r.phase() > phase || r.phase() == phase && r.ending() == RolloutRun.Ending.COMPLETED);
    }

    /** Runs that ended at phase {@code phase} as {@code ending}. */
    long endedAt(int phase, RolloutRun.Ending ending) {
        return count(r -> r.phase() == phase && r.ending() == ending);
    }

    /** Median looks phase {@code phase} took, over the runs that promoted it; NaN if none did. */
    double medianLooksToPromote(int phase) {
        return Medians.of(runs.stream()
                .filter(r -> r.phase() > phase || r.phase() == phase && r.ending() == RolloutRun.Ending.COMPLETED)
                .mapToDouble(r -> r.looksByPhase().get(phase)).toArray());
    }

    /**
     * The gates that ended the runs {@code which} selects (breached when aborted, undecided when
     * abandoned or cut short), with how many runs named each.
     */
    Map<String, Long> blockingGates(Predicate<RolloutRun> which) {
        return runs.stream().filter(which).flatMap(r -> r.blocking().stream())
                .collect(Collectors.groupingBy(g -> g, TreeMap::new, Collectors.counting()));
    }
}
