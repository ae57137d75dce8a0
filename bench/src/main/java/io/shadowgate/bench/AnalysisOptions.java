package io.shadowgate.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The analysis benchmark's settings, every default in one place, parsed from the command line.
 * Bad values are rejected with a message naming the option, the value and the bound.
 *
 * @param pairs          requests of the simulated run, each sent to the baseline and the candidate
 * @param repeats        times each stage is measured; the table shows the median
 * @param parts          {@code run} (the end of {@code shadowgate run}, a fresh JVM per repeat), {@code judge}
 *                       (the offline command, as child processes), or both
 * @param slower         whether the run's candidate is slower ({@link #SLOWER}, so NO_GO) rather than the
 *                       baseline's twin (GO)
 * @param rate           paired requests per second the simulated run had: its time series gets one
 *                       interval per {@code rate} requests, as a real run's does
 * @param intervalMillis the recorder's interval, and the wall-clock time the feed gives each simulated second,
 *                       so the series has one point per simulated second (a run's interval is a second;
 *                       the feed would take hours at that)
 * @param hlogValues     values per {@code .hlog} file (the command expands at most {@link #HLOG_MAX_VALUES})
 * @param timeoutSeconds a child JVM (a measured run, or {@code shadowgate judge}) still running after this is
 *                       stopped and reported
 * @param jar            the CLI jar the children run
 * @param seed           seeds the simulated latencies, errors and bodies
 */
record AnalysisOptions(
        int pairs,
        int repeats,
        List<String> parts,
        boolean slower,
        int rate,
        int intervalMillis,
        int hlogValues,
        int timeoutSeconds,
        Path jar,
        long seed) {

    static final int DEFAULT_PAIRS = 10_000_000;
    /** Fewer pairs are too few for the twin's p99 gate to be shown within 5 %: the run would be INCONCLUSIVE. */
    static final int MIN_PAIRS = 100_000;
    static final int DEFAULT_REPEATS = 3;
    static final List<String> PARTS = List.of("run", "judge");
    static final int DEFAULT_RATE = 5_000;
    static final int DEFAULT_INTERVAL_MILLIS = 50;
    /** What {@code shadowgate judge} expands from one {@code .hlog} at most ({@code SampleHistogramLog.MAX_VALUES}). */
    static final int HLOG_MAX_VALUES = 5_000_000;
    static final int DEFAULT_TIMEOUT_SECONDS = 900;
    static final Path DEFAULT_JAR = Path.of("replay-engine", "target", "shadowgate.jar");
    static final long DEFAULT_SEED = 1;
    /** How much slower the {@code --candidate slower} candidate is, at every percentile. */
    static final double SLOWER = 1.10;

    static final String USAGE = String.format(Locale.ROOT, """
            usage: java -cp bench/target/benchmarks.jar io.shadowgate.bench.AnalysisAtScale [options]
              --pairs N            requests of the simulated run, to each target (default %d, %d..30000000)
              --repeats N          measurements of each stage; the table shows the median (default %d, 1..9)
              --parts P1,P2        run (the end of shadowgate run, a JVM per repeat), judge (the offline command,
                                   as child processes), or both (default run,judge)
              --candidate C        the run's candidate: same (its baseline's twin: GO) or slower (%s%% slower:
                                   NO_GO) (default same); the offline command is measured on both
              --rate N             paired requests/s of the simulated run: one time-series interval per N
                                   requests (default %d, 100..100000)
              --interval-millis N  the recorder's interval, and the wall-clock ms the feed gives each simulated
                                   second: one series point per second while a second's requests feed faster
                                   (default %d, 1..1000)
              --hlog-values N      values per .hlog file (default and most %d, 10000..%d)
              --timeout SECONDS    stop a child JVM (a run, or shadowgate judge) still running after this
                                   (default %d, 10..7200)
              --jar PATH           the CLI jar (default %s)
              --seed N             seeds latencies, errors and bodies (default %d)
              --help
            """, DEFAULT_PAIRS, MIN_PAIRS, DEFAULT_REPEATS, Math.round((SLOWER - 1) * 100), DEFAULT_RATE, DEFAULT_INTERVAL_MILLIS,
            HLOG_MAX_VALUES, HLOG_MAX_VALUES, DEFAULT_TIMEOUT_SECONDS, DEFAULT_JAR, DEFAULT_SEED);

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    static AnalysisOptions parse(String[] args) {
        int pairs = DEFAULT_PAIRS;
        int repeats = DEFAULT_REPEATS;
        List<String> parts = PARTS;
        boolean slower = false;
        int rate = DEFAULT_RATE;
        int intervalMillis = DEFAULT_INTERVAL_MILLIS;
        int hlogValues = HLOG_MAX_VALUES;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        Path jar = DEFAULT_JAR;
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
                case "--pairs" -> pairs = HarnessArgs.bounded(name, value, MIN_PAIRS, 30_000_000);
                case "--repeats" -> repeats = HarnessArgs.bounded(name, value, 1, 9);
                case "--parts" -> parts = HarnessArgs.named(name, value, PARTS.toArray(String[]::new), p -> p);
                case "--candidate" -> slower = candidate(value);
                case "--rate" -> rate = HarnessArgs.bounded(name, value, 100, 100_000);
                case "--interval-millis" -> intervalMillis = HarnessArgs.bounded(name, value, 1, 1_000);
                case "--hlog-values" -> hlogValues = HarnessArgs.bounded(name, value, 10_000, HLOG_MAX_VALUES);
                case "--timeout" -> timeoutSeconds = HarnessArgs.bounded(name, value, 10, 7_200);
                case "--jar" -> jar = Path.of(value);
                case "--seed" -> seed = HarnessArgs.seed(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        return new AnalysisOptions(pairs, repeats, parts, slower, rate, intervalMillis, hlogValues, timeoutSeconds, jar,
                seed);
    }

    private static boolean candidate(String value) {
        return switch (value) {
            case "same" -> false;
            case "slower" -> true;
            default -> throw new IllegalArgumentException("--candidate must be same or slower, was '" + value + "'");
        };
    }

    /** The options that shape one run, as arguments, for a child JVM measuring it. */
    List<String> runArguments() {
        return List.of("--pairs", Integer.toString(pairs), "--candidate", slower ? "slower" : "same", "--rate",
                Integer.toString(rate), "--interval-millis", Integer.toString(intervalMillis), "--seed",
                Long.toString(seed));
    }

    boolean includes(String part) {
        return parts.contains(part);
    }
}
