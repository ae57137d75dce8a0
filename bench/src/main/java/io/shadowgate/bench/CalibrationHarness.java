package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Looks;
import io.shadowgate.judge.Verdict;
import io.shadowgate.scenario.Gates;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Is the judge calibrated? Simulates many experiments whose truth is known, in-process (no
 * sockets: this checks the statistics; the replayer is tested elsewhere), judges each with
 * the engine's {@link Judge}, and counts how often each decision came out:
 * <ul>
 * <li>a candidate worse by exactly the margin should come out GO (a false GO) at most
 *     1 − C of the time;</li>
 * <li>the same version twice (A/A) should come out NO_GO (a false NO_GO) at most 1 − C of
 *     the time, and GO more and more often as traffic grows;</li>
 * <li>a candidate worse by twice the margin should come out NO_GO often (power).</li>
 * </ul>
 *
 * <p>Latency cells judge one gate, p99 at most +10 % over the baseline, on request pairs of
 * shadow traffic drawn through a Gaussian copula (see {@link CalibrationTraffic#latency}) from
 * three shapes ({@link CalibrationShape}). Error cells judge one gate, the error rate at most
 * +0.5 points over the baseline's, on binomial error counts. Each cell is one row of a
 * Markdown table, with a 95 % interval on the rate that matters.
 *
 * <p>Reproducible: run i of a cell draws its traffic from a generator seeded by
 * {@code --seed}, the cell's population and size, and i, and seeds the judge's bootstrap with
 * i, whatever the thread that runs it. The three scenarios of one population and size share
 * their draws, with only the candidate shifted (common random numbers), so each cell is an
 * honest estimate on its own but cells in the same family are not independent of each other.
 *
 * <p>Fixed size or stopping early: by default each experiment is judged once, on all its
 * traffic. With {@code --stop-early L} it is judged as {@code run --stop-early} judges a run
 * ({@link #judge}): on the first L, 2L, ... request pairs of the same traffic, stopping at the
 * first decision, and the table gains a column, the median traffic the verdicts were reached on.
 *
 * <p>Bounded: the runs of a cell are spread over {@code --threads}; no run starts that would
 * likely end after {@code --seconds-budget} (judged by the slowest run so far), and the cells
 * that could not run are named at the end.
 *
 * <p>How to run:
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.CalibrationHarness
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.CalibrationHarness --runs 500 --sizes 20000 --kinds latency
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.CalibrationHarness --stop-early 1000 --kinds latency
 * </pre>
 */
public final class CalibrationHarness {

    private final CalibrationOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    CalibrationHarness(CalibrationOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        HarnessArgs.main("calibration", args, CalibrationOptions::parse, CalibrationOptions.USAGE, options -> new CalibrationHarness(options, System.out).run());
    }

    /** The cells, in the order they run: latency then error; by size, population, scenario. */
    static List<CalibrationCell> cells(CalibrationOptions options) {
        List<CalibrationCell> cells = new ArrayList<>();
        if (options.includes("latency")) {
            for (int n : options.sizes()) {
                for (CalibrationShape shape : options.shapes()) {
                    for (CalibrationScenario scenario : options.scenarios()) {
                        cells.add(new CalibrationCell.Latency(shape, n, scenario));
                    }
                }
            }
        }
        if (options.includes("error")) {
            for (int n : options.sizes()) {
                for (double p : options.errorRates()) {
                    for (CalibrationScenario scenario : options.scenarios()) {
                        cells.add(new CalibrationCell.ErrorRate(p, n, scenario));
                    }
                }
            }
        }
        return List.copyOf(cells);
    }

    /** Runs every cell that fits the budget and prints the table; 0, or 3 if the budget cut any cell. */
    int run() {
        printHeader();
        List<CalibrationCell> cells = cells(options);
        List<CalibrationResult> results = new ArrayList<>();
        List<CalibrationCell> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), task -> {
            Thread t = new Thread(task, "calibration");
            t.setDaemon(true);
            return t;
        });
        try {
            out.println(CalibrationTable.header(options.stopsEarly()));
            boolean outOfTime = false;
            for (CalibrationCell cell : cells) {
                if (outOfTime || remainingNanos() <= 0) {
                    skipped.add(cell);
                    continue;
                }
                CalibrationResult result = runCell(cell, pool);
                results.add(result);
                out.println(CalibrationTable.row(result, options.confidence(), options.stopsEarly()));
                out.flush();
                outOfTime = result.cut();
            }
        } finally {
            pool.shutdownNow();
        }
        printFooter(results, skipped);
        return results.stream().anyMatch(CalibrationResult::cut) || !skipped.isEmpty() ? 3 : 0;
    }

    private CalibrationResult runCell(CalibrationCell cell, ExecutorService pool) {
        long cellStart = System.nanoTime();
        Gates gates = cell.gates(options.confidence());
        List<CalibrationRun> done = BudgetedRuns.run(pool, options.threads(), options.runs(), this::remainingNanos, i -> {
            SplittableRandom random = new SplittableRandom(seed(options.seed(), cell.family(), i));
            return judge(gates, i, cell.simulate(random), options.lookPairs());
        }, cell);
        return new CalibrationResult(cell, options.runs(), done, (System.nanoTime() - cellStart) / 1e9);
    }

    /**
     * Judges one experiment as a run does. Without looks ({@code lookPairs} 0), once on all of
     * it. With looks, as {@code run --stop-early}: after every {@code lookPairs} requests short
     * of the end, look j judges everything so far at {@link Judge#atInterimLook}, its share of
     * the error budget spent over the {@link #plannedLooks} ({@link Looks}; a look that spends
     * nothing is skipped), and stops at the first GO or NO_GO; traffic that runs out undecided
     * is judged once more, on all of it, at {@link Judge#afterLooks} (with no looks that is the
     * plain judge). Every verdict uses the same bootstrap seed, as the engine's does.
     */
    static CalibrationRun judge(Gates gates, long seed, CalibrationSample sample, int lookPairs) {
        int planned = plannedLooks(sample.n(), lookPairs);
        int looks = 0;
        for (int k = lookPairs; lookPairs > 0 && k < sample.n(); k += lookPairs) {
            looks++;
            if (!Looks.judged(gates.confidence(), looks, planned)) {
                continue;
            }
            Verdict verdict = Judge.atInterimLook(gates, seed, looks, planned).judge(sample.first(k));
            if (verdict.decision() != Decision.INCONCLUSIVE) {
                return CalibrationRun.of(verdict, k);
            }
        }
        return CalibrationRun.of(Judge.afterLooks(gates, seed, looks, planned).judge(sample.first(sample.n())),
                sample.n());
    }

    /**
     * The looks a run of {@code n} pairs plans at a look every {@code lookPairs}: ceil(n/L), as
     * {@code run} plans one per window its traffic spans, the last at t = 1 being the closing
     * judgement; 0 (no plan) without looks.
     */
    static int plannedLooks(int n, int lookPairs) {
        return lookPairs <= 0 ? 0 : (n + lookPairs - 1) / lookPairs;
    }

    /** Seed of run {@code run} of a cell family: a SplitMix64 finalizer over the three inputs. */
    static long seed(long base, long family, int run) {
        return mix(base ^ mix(family ^ mix(run)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long remainingNanos() {
        return startNanos + options.secondsBudget() * 1_000_000_000L - System.nanoTime();
    }

    private void printHeader() {
        out.printf(Locale.ROOT, "judge calibration, %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf(Locale.ROOT, "machine: nproc %d, %s, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                HarnessArgs.cpuModel(), System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.printf(Locale.ROOT, "runs %d per cell, sizes %s, confidence %s, seed %d, %d threads, budget %d s, kinds %s, "
                        + "shapes %s, scenarios %s, error rates %s%n",
                options.runs(), HarnessArgs.join(options.sizes()), options.confidence(), options.seed(),
                options.threads(), options.secondsBudget(), String.join(",", options.kinds()),
                String.join(",", options.shapes().stream().map(CalibrationShape::option).toList()),
                String.join(",", options.scenarios().stream().map(CalibrationScenario::option).toList()),
                CalibrationOptions.rates(options.errorRates()));
        out.printf(Locale.ROOT, "latency gate: p%s at most +%s over the baseline, paired (Gaussian copula, rho %s); "
                        + "error gate: at most +%s points; minSamples %d%n",
                CalibrationOptions.LATENCY_PERCENTILE, CalibrationTable.percent(CalibrationOptions.LATENCY_MARGIN),
                CalibrationOptions.PAIR_CORRELATION, 100 * CalibrationOptions.ERROR_MARGIN, CalibrationOptions.MIN_SAMPLES);
        out.println(!options.stopsEarly() ? "judged once, on all n"
                : String.format(Locale.ROOT, "stop-early: look j after every %,d pairs (requests per side) short of n, "
                        + "of m = ceil(n/L) planned, spending alpha(j/m) - alpha((j-1)/m) of alpha = 1 - C with "
                        + "alpha(t) = 2 - 2 Phi(z(1 - alpha/2)/sqrt t) (O'Brien-Fleming-type; looks spending under "
                        + "%s skipped), stopping at the first GO or NO_GO; undecided by n: judged on all n at "
                        + "1 - (alpha - alpha((m-1)/m))", options.lookPairs(), Looks.MIN_SHARE));
        out.println();
    }

    private void printFooter(List<CalibrationResult> results, List<CalibrationCell> skipped) {
        out.println();
        for (CalibrationResult r : results) {
            if (r.cut()) {
                out.printf(Locale.ROOT, "cut by the %d s budget: %s %s n=%d %s, %d of %d runs%n", options.secondsBudget(),
                        r.cell().kind(), r.cell().population(), r.cell().n(), r.cell().scenario().label(), r.done(),
                        r.asked());
            }
        }
        for (CalibrationCell cell : skipped) {
            out.printf(Locale.ROOT, "skipped, no time left in the %d s budget: %s %s n=%d %s%n", options.secondsBudget(),
                    cell.kind(), cell.population(), cell.n(), cell.scenario().label());
        }
        out.printf(Locale.ROOT, "%d cells run, %d skipped, %.1f s in all%n", results.size(), skipped.size(),
                (System.nanoTime() - startNanos) / 1e9);
    }
}
