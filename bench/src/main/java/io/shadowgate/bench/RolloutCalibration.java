package io.shadowgate.bench;

import io.shadowgate.rehearsal.Phase;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.Rehearsal;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Is split mode's staged rollout calibrated? Simulates many rollouts whose truth is known,
 * in-process and without a clock ({@link SimulatedRollout}: the engine's own {@code StageRule}
 * decides every look, as {@code Rollout} asks it), and counts how they ended:
 * <ul>
 * <li>a candidate worse by exactly a gate's margin should complete (GO) at most 1 − C of the time;</li>
 * <li>the same version twice (A/A) should be aborted (a false NO_GO) at most 1 − C of the time,
 *     and complete most of the time when the traffic suffices;</li>
 * <li>a clearly bad candidate (twice the latency) should be aborted, and soon.</li>
 * </ul>
 * Each cell is one row: the three verdicts with Wilson 95 % intervals, how the inconclusive
 * ones ended (abandoned after their extensions, or the traffic ran out), the median looks and
 * candidate requests until the rollout ended; a second table shows each stage (how many runs
 * reached it, were promoted, aborted, abandoned) and which gates the aborts named.
 *
 * <p>Reproducible: run i of a cell draws its traffic from a generator seeded by {@code --seed},
 * the cell's gates, rate and traffic length, and i ({@link CalibrationHarness#seed}); the judge
 * is seeded with i. The truths of one family share their draws (common random numbers).
 * Bounded: no run starts that would likely end after {@code --seconds-budget}.
 *
 * <p>How to run:
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.RolloutCalibration --runs 500
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.RolloutCalibration --gates p50 --truths aa --rates 500
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.RolloutCalibration --help
 * </pre>
 */
public final class RolloutCalibration {

    private final RolloutOptions options;
    private final PrintStream out;
    private final PrintStream progress;
    private final long startNanos = System.nanoTime();

    RolloutCalibration(RolloutOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) {
        HarnessArgs.main("rollout calibration", args, RolloutOptions::parse, RolloutOptions.USAGE,
                options -> new RolloutCalibration(options, System.out, System.err).run());
    }

    /** The cells, in the order they run: by gate set, rate, truth. */
    static List<RolloutCell> cells(RolloutOptions options) {
        List<RolloutCell> cells = new ArrayList<>();
        for (RolloutCell.GateSet gateSet : options.gateSets()) {
            for (int rate : options.rates()) {
                for (RolloutCell.Truth truth : options.truths()) {
                    cells.add(new RolloutCell(gateSet, rate, options.trafficMillis(), truth));
                }
            }
        }
        return List.copyOf(cells);
    }

    /** Runs every cell that fits the budget and prints the tables; 0, or 3 if the budget cut any cell. */
    int run() {
        printHeader();
        List<RolloutCell> cells = cells(options);
        List<RolloutCellResult> results = new ArrayList<>();
        List<RolloutCell> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), task -> {
            Thread t = new Thread(task, "rollout-calibration");
            t.setDaemon(true);
            return t;
        });
        try {
            out.println(RolloutTable.header());
            out.flush();
            boolean outOfTime = false;
            for (RolloutCell cell : cells) {
                if (outOfTime || remainingNanos() <= 0) {
                    skipped.add(cell);
                    continue;
                }
                RolloutCellResult result = runCell(cell, pool);
                results.add(result);
                out.println(RolloutTable.row(result, options.confidence()));
                out.flush();
                outOfTime = result.cut();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Phase> phases = Phase.of(RolloutOptions.plan());
        out.println();
        out.println(RolloutTable.phasesHeader(phases));
        results.forEach(r -> out.println(RolloutTable.phasesRow(r, phases)));
        printFooter(results, skipped);
        return results.stream().anyMatch(RolloutCellResult::cut) || !skipped.isEmpty() ? 3 : 0;
    }

    private RolloutCellResult runCell(RolloutCell cell, ExecutorService pool) {
        long cellStart = System.nanoTime();
        Gates gates = cell.gates(options.confidence());
        AtomicInteger finished = new AtomicInteger();
        int every = Math.max(1, options.runs() / 10);
        List<RolloutRun> done = BudgetedRuns.run(pool, options.threads(), options.runs(), this::remainingNanos, i -> {
            SplittableRandom random = new SplittableRandom(CalibrationHarness.seed(options.seed(), cell.family(), i));
            RolloutRun run = new SimulatedRollout(cell, gates, i, random).run();
            int n = finished.incrementAndGet();
            if (n % every == 0) {
                progress.printf(Locale.ROOT, "  %s: %d of %d runs, %.0f s (%.0f s in all)%n", cell, n, options.runs(),
                        (System.nanoTime() - cellStart) / 1e9, (System.nanoTime() - startNanos) / 1e9);
            }
            return run;
        }, cell);
        return new RolloutCellResult(cell, options.runs(), done, (System.nanoTime() - cellStart) / 1e9);
    }

    private long remainingNanos() {
        return startNanos + options.secondsBudget() * 1_000_000_000L - System.nanoTime();
    }

    private void printHeader() {
        Rehearsal plan = RolloutOptions.plan();
        out.printf(Locale.ROOT, "rollout calibration, %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf(Locale.ROOT, "machine: nproc %d, %s, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                HarnessArgs.cpuModel(), System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.printf(Locale.ROOT, "runs %d per cell, confidence %s, seed %d, %d thread(s), budget %d s, gates %s, "
                        + "truths %s, rates %s/s, traffic %d s%s%n", options.runs(), options.confidence(),
                options.seed(), options.threads(), options.secondsBudget(),
                options.gateSets().stream().map(RolloutCell.GateSet::option).collect(Collectors.joining(",")),
                options.truths().stream().map(RolloutCell.Truth::option).collect(Collectors.joining(",")),
                HarnessArgs.join(options.rates()), options.trafficMillis() / 1000,
                options.trafficSeconds() == RolloutOptions.ENOUGH_TRAFFIC
                        ? " (every hold and extension: never runs out)" : "");
        out.printf(Locale.ROOT, "plan: %s; look %d ms; extensions %d; promoteEarly %s; no shadow phase%n",
                Phase.of(plan).stream().map(p -> p.name() + " " + p.hold().toSeconds() + " s")
                        .collect(Collectors.joining(" → ")), plan.look().toMillis(), plan.extensions(),
                plan.promoteEarly());
        out.printf(Locale.ROOT, "gates: the latency gate named, the error rate at most +%s points, minSamples %d; "
                        + "both targets log-normal, median %s ms, σ %s, errors %s %%, the candidate changed by its "
                        + "truth%n",
                RolloutTable.plain(100 * RolloutOptions.ERROR_MARGIN), RolloutOptions.MIN_SAMPLES,
                RolloutTable.plain(RolloutOptions.MEDIAN_MS), RolloutTable.plain(RolloutOptions.SIGMA),
                RolloutTable.plain(100 * RolloutOptions.BASELINE_ERROR_RATE));
        out.println("each look: rate × look requests, each to the candidate with the stage's weight; judged by "
                + "StageRule.look at j looks into its phase; traffic ending undecided: StageRule.closing");
        out.println();
        out.flush();
    }

    private void printFooter(List<RolloutCellResult> results, List<RolloutCell> skipped) {
        out.println();
        for (RolloutCellResult r : results) {
            if (r.cut()) {
                out.printf(Locale.ROOT, "cut by the %d s budget: %s, %d of %d runs%n", options.secondsBudget(),
                        r.cell(), r.done(), r.asked());
            }
        }
        for (RolloutCell cell : skipped) {
            out.printf(Locale.ROOT, "skipped, no time left in the %d s budget: %s%n", options.secondsBudget(), cell);
        }
        out.printf(Locale.ROOT, "%d cells run, %d skipped, %.1f s in all%n", results.size(), skipped.size(),
                (System.nanoTime() - startNanos) / 1e9);
    }
}
