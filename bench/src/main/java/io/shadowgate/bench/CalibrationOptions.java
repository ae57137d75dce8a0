package io.shadowgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration harness's settings, every default in one place, parsed from the command
 * line. Bad values are rejected with a message naming the option, the value and the bound.
 *
 * @param runs          simulated experiments per cell
 * @param sizes         request pairs (latency cells) or requests per side (error cells)
 * @param confidence    the gates' confidence C; the false GO and false NO_GO rates should be at most 1 - C
 * @param secondsBudget the harness starts no run that would likely end after this, and says what it skipped
 * @param threads       threads the runs of one cell are spread over
 * @param seed          seeds every simulated experiment (the judge's bootstrap is seeded with the run index)
 * @param kinds         which cells: {@code latency}, {@code error}, or both
 * @param shapes        which latency shapes (all by default)
 * @param scenarios     which scenarios (all by default): to look closer at one cell with more runs
 * @param errorRates    the baseline error rates of the error cells
 * @param lookPairs     0 to judge each experiment once on all its traffic; else, as {@code run --stop-early},
 *                      look after every this many request pairs (requests per side) and stop at the first decision
 */
record CalibrationOptions(
        int runs,
        List<Integer> sizes,
        double confidence,
        int secondsBudget,
        int threads,
        long seed,
        List<String> kinds,
        List<CalibrationShape> shapes,
        List<CalibrationScenario> scenarios,
        List<Double> errorRates,
        int lookPairs) {

    static final int DEFAULT_RUNS = 500;
    static final List<Integer> DEFAULT_SIZES = List.of(5_000, 20_000);
    static final double DEFAULT_CONFIDENCE = 0.99;
    static final int DEFAULT_SECONDS_BUDGET = 900;
    static final int DEFAULT_THREADS = 2;
    static final long DEFAULT_SEED = 1;
    static final int MIN_LOOK_PAIRS = 100;
    static final List<String> KINDS = List.of("latency", "error");
    /** Baseline error rates of the error cells. */
    static final List<Double> DEFAULT_ERROR_RATES = List.of(0.001, 0.01, 0.05);
    /** {@code --stop-early} without a number: a look after every this many request pairs. */
    static final int DEFAULT_LOOK_PAIRS = 1_000;

    /** The latency gate: p99 at most this much above the baseline's (relative). */
    static final double LATENCY_MARGIN = 0.10;
    /** The percentile the latency gate judges. */
    static final double LATENCY_PERCENTILE = 99.0;
    /** The error-rate gate: at most this much above the baseline's rate (absolute, 0.005 = 0.5 points). */
    static final double ERROR_MARGIN = 0.005;
    /** The gates' minSamples in every cell. */
    static final long MIN_SAMPLES = 500;
    /** Correlation of the normal scores of a request's two latencies (the Gaussian copula's rho). */
    static final double PAIR_CORRELATION = 0.5;
    /** The power the issue asks of the 2-delta latency cells at this many pairs. */
    static final double POWER_TARGET = 0.95;
    static final int POWER_TARGET_SIZE = 20_000;

    static final String USAGE = String.format(Locale.ROOT, """
            usage: java -cp bench/target/benchmarks.jar io.shadowgate.bench.CalibrationHarness [options]
              --runs N              simulated experiments per cell (default %d, 1..100000)
              --sizes N1,N2,...     request pairs per latency experiment, requests per side per error experiment
                                    (default %s, each %d..1000000)
              --confidence C        the gates' confidence (default %s, 0.5..0.9999)
              --seconds-budget N    start no run that would likely end later than this (default %d, 10..86400)
              --threads N           threads per cell (default %d, 1..64)
              --seed N              seeds the simulated traffic (default %d)
              --kinds K1,K2         latency, error or both (default latency,error)
              --shapes S1,...       latency shapes: lognormal, pareto, bimodal (default all)
              --scenarios S1,...    aa, margin, twice (default all)
              --error-rates R1,...  baseline error rates of the error cells (default %s, each 0.0001..0.9)
              --stop-early [L]      judge as run --stop-early does: a look after every L request pairs (requests
                                    per side) short of n, stop at the first GO or NO_GO, else judge all n at the
                                    closing confidence (L %d if not given, %d..1000000; default: judge once on all n)
              --help
            """, DEFAULT_RUNS, HarnessArgs.join(DEFAULT_SIZES), MIN_SAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SECONDS_BUDGET,
            DEFAULT_THREADS, DEFAULT_SEED, rates(DEFAULT_ERROR_RATES), DEFAULT_LOOK_PAIRS, MIN_LOOK_PAIRS);

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    static CalibrationOptions parse(String[] args) {
        int runs = DEFAULT_RUNS;
        List<Integer> sizes = DEFAULT_SIZES;
        double confidence = DEFAULT_CONFIDENCE;
        int secondsBudget = DEFAULT_SECONDS_BUDGET;
        int threads = DEFAULT_THREADS;
        long seed = DEFAULT_SEED;
        List<String> kinds = KINDS;
        List<CalibrationShape> shapes = List.of(CalibrationShape.values());
        List<CalibrationScenario> scenarios = List.of(CalibrationScenario.values());
        List<Double> errorRates = DEFAULT_ERROR_RATES;
        int lookPairs = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (value == null && name.equals("--stop-early") && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                value = String.valueOf(DEFAULT_LOOK_PAIRS);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--runs" -> runs = HarnessArgs.bounded(name, value, 1, 100_000);
                case "--sizes" -> sizes = HarnessArgs.distinct(name, value, part -> HarnessArgs.bounded("--sizes", part,
                        (int) MIN_SAMPLES, 1_000_000));
                case "--confidence" -> confidence = HarnessArgs.number(name, value, 0.5, 0.9999);
                case "--seconds-budget" -> secondsBudget = HarnessArgs.bounded(name, value, 10, 86_400);
                case "--threads" -> threads = HarnessArgs.bounded(name, value, 1, 64);
                case "--seed" -> seed = HarnessArgs.seed(value);
                case "--kinds" -> kinds = kinds(value);
                case "--shapes" -> shapes = HarnessArgs.named(name, value, CalibrationShape.values(), CalibrationShape::option);
                case "--scenarios" -> scenarios = HarnessArgs.named(name, value, CalibrationScenario.values(),
                        CalibrationScenario::option);
                case "--error-rates" -> errorRates = HarnessArgs.distinct(name, value, part -> HarnessArgs.number("--error-rates", part, 0.0001,
                        0.9));
                case "--stop-early" -> lookPairs = HarnessArgs.bounded(name, value, MIN_LOOK_PAIRS, 1_000_000);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new CalibrationOptions(runs, sizes, confidence, secondsBudget, threads, seed, kinds, shapes, scenarios,
                errorRates, lookPairs);
    }

    boolean includes(String kind) {
        return kinds.contains(kind);
    }

    boolean stopsEarly() {
        return lookPairs > 0;
    }

    /** Error rates as a command line takes them: {@code 0.001,0.01,0.05}. */
    static String rates(List<Double> rates) {
        return String.join(",", rates.stream().map(String::valueOf).toList());
    }

    private static List<String> kinds(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String kind = part.trim();
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("--kinds must be latency, error or both, was '" + kind + "'");
            }
            if (!out.contains(kind)) {
                out.add(kind);
            }
        }
        return List.copyOf(out);
    }
}
