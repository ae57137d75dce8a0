package io.shadowgate.bench;

import io.shadowgate.replay.ReplayOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rate sweep's settings, every default in one place, parsed from the command line. Bad
 * values are rejected with a message naming the option, the value and the bound.
 *
 * @param rates          paired rates to try, requests per second to each target, ascending
 * @param seconds        length of one run at one rate
 * @param repeats        how many times the whole sweep runs; the summary takes medians
 * @param warmupSeconds  length of the discarded warm-up run
 * @param warmupRate     paired rate of the warm-up run
 * @param maxConnections most connections the replayer opens to one target
 * @param clientThreads  client event-loop threads of the replayer
 * @param budgetSeconds  the sweep starts no run that could end after this; it stops by itself
 * @param quietWaitSeconds before each run, wait at most this long for other processes to quiet down
 * @param target         a running target both roles are sent to, or null for two simulated servers in this JVM
 * @param targetPids     the processes serving {@code target}: their CPU is the target's, not "elsewhere"
 */
record SweepOptions(
        List<Integer> rates,
        int seconds,
        int repeats,
        int warmupSeconds,
        int warmupRate,
        int maxConnections,
        int clientThreads,
        int budgetSeconds,
        int quietWaitSeconds,
        URI target,
        List<Long> targetPids) {

    static final List<Integer> DEFAULT_RATES = List.of(250, 500, 1_000, 2_000, 3_000, 4_000, 6_000, 8_000);
    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_REPEATS = 1;
    static final int DEFAULT_WARMUP_SECONDS = 3;
    static final int DEFAULT_WARMUP_RATE = 2_000;
    static final int DEFAULT_MAX_CONNECTIONS = 128;
    static final int DEFAULT_CLIENT_THREADS = ReplayOptions.AUTOMATIC_EVENT_LOOPS;
    static final int DEFAULT_BUDGET_SECONDS = 180;
    static final int DEFAULT_QUIET_WAIT_SECONDS = 20;

    /** The sweep stops after a run whose lateness p99 (the worse target) is above this. */
    static final double STOP_LATENESS_P99_MS = 10.0;
    /** ... or whose errors, timeouts, connection errors and unsent requests exceed this share. */
    static final double STOP_ERROR_SHARE = 0.01;
    /** A run during which other processes used more cores than this shared the machine; tables mark it. */
    static final double SHARED_CORES = 0.1;
    /** The summary line names the highest rate whose median lateness p99 is below this. */
    static final double GOOD_LATENESS_P99_MS = 1.0;

    static final String USAGE = String.format(Locale.ROOT, """
            usage: java -cp bench/target/benchmarks.jar io.shadowgate.bench.RateSweep [options]
              --rates R1,R2,...        paired rates, requests/s to EACH target (default %s)
              --seconds N              seconds per run (default %d, 1..120)
              --repeats N              run the whole sweep N times, alternating direction; medians (default %d, 1..9)
              --warmup-seconds N       discarded warm-up run first (default %d, 0..60)
              --warmup-rate N          its paired rate (default %d)
              --max-connections N      per target (default %d, 1..4096)
              --client-threads N       replayer event loops, 1..64 (default: as a run chooses, one per core
                                       or half the cores when the targets are on this machine)
              --budget-seconds N       start no run that could end later than this (default %d, 10..1800)
              --quiet-wait-seconds N   before each run, wait up to N s for other processes to use < %.1f cores (default %d, 0..300)
              --servers-in-process     two simulated servers run in this JVM (the default)
              --target URL             instead, send both roles to this running server (e.g. nginx on loopback)
              --target-pids P1,P2,...  the target's processes: their CPU is the "target" column, not "elsewhere"
              --help
            """, HarnessArgs.join(DEFAULT_RATES), DEFAULT_SECONDS, DEFAULT_REPEATS, DEFAULT_WARMUP_SECONDS,
            DEFAULT_WARMUP_RATE, DEFAULT_MAX_CONNECTIONS, DEFAULT_BUDGET_SECONDS,
            SHARED_CORES, DEFAULT_QUIET_WAIT_SECONDS);

    /**
     * Parses {@code --name value} and {@code --name=value} options.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    static SweepOptions parse(String[] args) {
        List<Integer> rates = DEFAULT_RATES;
        int seconds = DEFAULT_SECONDS;
        int repeats = DEFAULT_REPEATS;
        int warmupSeconds = DEFAULT_WARMUP_SECONDS;
        int warmupRate = DEFAULT_WARMUP_RATE;
        int maxConnections = DEFAULT_MAX_CONNECTIONS;
        int clientThreads = DEFAULT_CLIENT_THREADS;
        int budgetSeconds = DEFAULT_BUDGET_SECONDS;
        int quietWaitSeconds = DEFAULT_QUIET_WAIT_SECONDS;
        URI target = null;
        List<Long> targetPids = List.of();
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
            if (name.equals("--servers-in-process")) {
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--rates" -> rates = rates(value);
                case "--seconds" -> seconds = HarnessArgs.bounded(name, value, 1, 120);
                case "--repeats" -> repeats = HarnessArgs.bounded(name, value, 1, 9);
                case "--warmup-seconds" -> warmupSeconds = HarnessArgs.bounded(name, value, 0, 60);
                case "--warmup-rate" -> warmupRate = HarnessArgs.bounded(name, value, 1, 100_000);
                case "--max-connections" -> maxConnections = HarnessArgs.bounded(name, value, 1, 4_096);
                case "--client-threads" -> clientThreads = HarnessArgs.bounded(name, value, 1, 64);
                case "--budget-seconds" -> budgetSeconds = HarnessArgs.bounded(name, value, 10, 1_800);
                case "--quiet-wait-seconds" -> quietWaitSeconds = HarnessArgs.bounded(name, value, 0, 300);
                case "--target" -> target = target(value);
                case "--target-pids" -> targetPids = pids(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (!targetPids.isEmpty() && target == null) {
            throw new IllegalArgumentException("--target-pids needs --target (the simulated servers are threads of this JVM)");
        }
        return new SweepOptions(rates, seconds, repeats, warmupSeconds, warmupRate, maxConnections, clientThreads,
                budgetSeconds, quietWaitSeconds, target, targetPids);
    }

    private static URI target(String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--target must be an http://HOST:PORT URL, not '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target must be an http://HOST:PORT URL, not '" + value + "'");
        }
    }

    private static List<Long> pids(String value) {
        List<Long> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add((long) HarnessArgs.bounded("--target-pids", part.trim(), 1, Integer.MAX_VALUE));
        }
        return List.copyOf(out);
    }

    private static List<Integer> rates(String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            int rate = HarnessArgs.bounded("--rates", part.trim(), 1, 100_000);
            if (!out.isEmpty() && rate <= out.get(out.size() - 1)) {
                throw new IllegalArgumentException("--rates must be ascending, but " + rate + " follows "
                        + out.get(out.size() - 1));
            }
            out.add(rate);
        }
        return List.copyOf(out);
    }
}
