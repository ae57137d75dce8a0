package io.shadowgate.bench;

import io.shadowgate.scenario.Rehearsal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The rollout calibration's settings, every default in one place, parsed from the command
 * line; the plan, the gates and the two targets' truths are fixed here (those of issue #7).
 * Bad values are rejected with a message naming the option, the value and the bound.
 *
 * @param runs           simulated rollouts per cell
 * @param gateSets       the latency gates, each judged beside the error-rate gate, one cell family each
 * @param truths         the candidates' truths
 * @param rates          requests per second
 * @param trafficSeconds how long the traffic lasts; 0 for long enough that it never runs out
 *                       ({@link #ENOUGH_TRAFFIC}: every hold and extension of every phase)
 * @param confidence     the gates' confidence C
 * @param secondsBudget  no run starts that would likely end after this
 * @param threads        threads the runs of one cell are spread over
 * @param seed           seeds every simulated rollout (the judge is seeded with the run's number)
 */
record RolloutOptions(
        int runs,
        List<RolloutCell.GateSet> gateSets,
        List<RolloutCell.Truth> truths,
        List<Integer> rates,
        int trafficSeconds,
        double confidence,
        int secondsBudget,
        int threads,
        long seed) {

    static final int DEFAULT_RUNS = 500;
    static final List<Integer> DEFAULT_RATES = List.of(2_000);
    static final double DEFAULT_CONFIDENCE = 0.99;
    static final int DEFAULT_SECONDS_BUDGET = 600;
    static final int DEFAULT_THREADS = 1;
    static final long DEFAULT_SEED = 1;
    /** {@code --traffic-seconds 0}: the traffic outlasts any rollout of the plan. */
    static final int ENOUGH_TRAFFIC = 0;

    /** The plan: candidate weights and holds. */
    static final List<Rehearsal.Stage> STAGES = List.of(
            new Rehearsal.Stage(0.05, Duration.ofSeconds(4)),
            new Rehearsal.Stage(0.25, Duration.ofSeconds(4)),
            new Rehearsal.Stage(0.50, Duration.ofSeconds(4)),
            new Rehearsal.Stage(1.00, Duration.ofSeconds(4)));
    static final Duration LOOK = Duration.ofMillis(500);
    static final int EXTENSIONS = 1;
    static final boolean PROMOTE_EARLY = true;

    /** Every gate set's error-rate gate: at most this much above the baseline's rate (absolute: 0.01 = 1 point). */
    static final double ERROR_MARGIN = 0.01;
    static final long MIN_SAMPLES = 200;

    /** Both targets' latency: log-normal with this median (ms) and σ, the candidate's scaled by its truth. */
    static final double MEDIAN_MS = 5;
    static final double SIGMA = 0.3;
    static final double BASELINE_ERROR_RATE = 0.005;

    static final String USAGE = String.format(Locale.ROOT, """
            usage: java -cp bench/target/benchmarks.jar io.shadowgate.bench.RolloutCalibration [options]
              --runs N              simulated rollouts per cell (default %d, 1..100000)
              --gates G1,G2         latency gate beside the error gate: p50 (+10 %%), p99 (+20 %%) (default both)
              --truths T1,...       aa, latency, errors, bad (default all)
              --rates R1,...        requests per second (default %s, each 50..100000)
              --traffic-seconds S   traffic length; 0: never runs out (default %d, else 1..3600)
              --confidence C        the gates' confidence (default %s, 0.5..0.9999)
              --seconds-budget N    start no run that would likely end later than this (default %d, 10..86400)
              --threads N           threads per cell (default %d, 1..64)
              --seed N              seeds the simulated traffic (default %d)
              --help
            """, DEFAULT_RUNS, HarnessArgs.join(DEFAULT_RATES), ENOUGH_TRAFFIC, DEFAULT_CONFIDENCE,
            DEFAULT_SECONDS_BUDGET, DEFAULT_THREADS, DEFAULT_SEED);

    /** The staged plan every cell simulates: no shadow phase, {@link #STAGES}, {@link #LOOK}, {@link #EXTENSIONS}. */
    static Rehearsal plan() {
        return new Rehearsal(null, STAGES, LOOK, EXTENSIONS, Rehearsal.DEFAULT_AFTER_ABORT, PROMOTE_EARLY);
    }

    /** Long enough for every phase to use its hold and all its extensions: no rollout of the plan outlasts it. */
    static long enoughTrafficMillis() {
        return plan().plannedLength().toMillis() * (1 + EXTENSIONS);
    }

    /** The traffic length of a cell, ms. */
    long trafficMillis() {
        return trafficSeconds == ENOUGH_TRAFFIC ? enoughTrafficMillis() : trafficSeconds * 1_000L;
    }

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    static RolloutOptions parse(String[] args) {
        int runs = DEFAULT_RUNS;
        List<RolloutCell.GateSet> gateSets = List.of(RolloutCell.GateSet.values());
        List<RolloutCell.Truth> truths = List.of(RolloutCell.Truth.values());
        List<Integer> rates = DEFAULT_RATES;
        int trafficSeconds = ENOUGH_TRAFFIC;
        double confidence = DEFAULT_CONFIDENCE;
        int secondsBudget = DEFAULT_SECONDS_BUDGET;
        int threads = DEFAULT_THREADS;
        long seed = DEFAULT_SEED;
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
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--runs" -> runs = HarnessArgs.bounded(name, value, 1, 100_000);
                case "--gates" -> gateSets = HarnessArgs.named(name, value, RolloutCell.GateSet.values(),
                        RolloutCell.GateSet::option);
                case "--truths" -> truths = HarnessArgs.named(name, value, RolloutCell.Truth.values(),
                        RolloutCell.Truth::option);
                case "--rates" -> rates = HarnessArgs.distinct(name, value, part -> HarnessArgs.bounded("--rates", part,
                        50, 100_000));
                case "--traffic-seconds" -> trafficSeconds = HarnessArgs.bounded(name, value, 0, 3_600);
                case "--confidence" -> confidence = HarnessArgs.number(name, value, 0.5, 0.9999);
                case "--seconds-budget" -> secondsBudget = HarnessArgs.bounded(name, value, 10, 86_400);
                case "--threads" -> threads = HarnessArgs.bounded(name, value, 1, 64);
                case "--seed" -> seed = HarnessArgs.seed(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new RolloutOptions(runs, gateSets, truths, rates, trafficSeconds, confidence, secondsBudget, threads,
                seed);
    }
}
