package io.shadowgate.bench;

import io.shadowgate.netty.Transport;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How fast can the replayer pace shadow traffic on this machine and still send each request
 * on time? Starts two simulated model servers on loopback, then replays constant-rate predict
 * traffic to both at rising paired rates and prints, per run, how late the sends were, what the
 * candidate's latency looked like, whether every request was accounted for, and the CPU spent.
 *
 * <p>The sweep climbs the rates until a run's lateness p99 passes 10 ms or more than 1 % of
 * requests end in errors, timeouts or not being sent. With {@code --repeats R} it runs the same
 * rates R times in all, alternating direction (up, down, up, ...) so that drift and order
 * effects fall on every rate alike, and summarizes with medians. It starts no run that could
 * end after {@code --budget-seconds}, so it always stops by itself.
 *
 * <p>The machine may be shared: before each run the sweep waits (a little) for other processes
 * to go quiet, measures what they used during the run anyway, marks runs that shared the cores,
 * and, if there were any, repeats the summary over the unshared runs alone.
 *
 * <p>By default the servers run in this JVM ({@code --servers-in-process}): they compete with the
 * replayer for the same cores, and their CPU is in the CPU columns. With {@code --target URL}
 * both roles go to a server already running (nginx, in {@code bench/wrk-compare.sh}), and
 * {@code --target-pids} names its processes so their CPU is reported as the target's.
 *
 * <p>How to run (or use {@code bench/rate-sweep.sh}, which builds first):
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.shadowgate.bench.RateSweep --rates 500,1000,2000 --seconds 10 --repeats 3
 * </pre>
 */
public final class RateSweep {

    static final SimulatedProfile BASELINE = new SimulatedProfile("sweep-baseline",
            new LatencyProfile(1.0, 0.2, 0, 0), 0, SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());
    static final SimulatedProfile CANDIDATE = new SimulatedProfile("sweep-candidate",
            new LatencyProfile(1.0, 0.2, 0, 0), 0, SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());
    /** Time kept free around each run for connecting, collecting garbage and closing. */
    static final long RUN_OVERHEAD_SECONDS = 4;

    private final SweepOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    RateSweep(SweepOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        HarnessArgs.main("rate-sweep", args, SweepOptions::parse, SweepOptions.USAGE, options -> new RateSweep(options, System.out).run());
    }

    /** Runs the sweep and prints it; returns 0, or 1 if any run failed or did not add up. */
    int run() {
        printHeader();
        if (options.target() != null) {
            return sweep(options.target(), options.target(), Set.copyOf(options.targetPids()));
        }
        try (SimulatedServer baseline = SimulatedServer.start(BASELINE, "127.0.0.1", 0, 1);
             SimulatedServer candidate = SimulatedServer.start(CANDIDATE, "127.0.0.1", 0, 2)) {
            return sweep(baseline.address(), candidate.address(), Set.of());
        }
    }

    private int sweep(URI baseline, URI candidate, Set<Long> targetPids) {
        Map<String, URI> targets = new LinkedHashMap<>();
        targets.put("baseline", baseline);
        targets.put("candidate", candidate);
        out.println("targets: baseline " + baseline + ", candidate " + candidate);
        try (PairedRun runner = new PairedRun(targets, targetPids, options.maxConnections(), options.clientThreads())) {
            return sweep(runner);
        }
    }

    private int sweep(PairedRun runner) {
        if (options.warmupSeconds() > 0) {
            out.println();
            out.printf(Locale.ROOT, "warm-up (discarded): %d s at %d/s%n", options.warmupSeconds(), options.warmupRate());
            out.println(SweepTable.runHeader());
            out.println(SweepTable.run(runner.run(options.warmupRate(), options.warmupSeconds(), 0, 41)));
        }
        Map<Integer, List<RateResult>> byRate = new LinkedHashMap<>();
        out.println();
        out.println("runs, in the order they ran:");
        out.println(SweepTable.runHeader());
        List<Integer> rates = firstPass(runner, byRate);
        passes:
        for (int pass = 2; pass <= options.repeats(); pass++) {
            List<Integer> order = new ArrayList<>(rates);
            if (pass % 2 == 0) {
                Collections.reverse(order);
            }
            for (int rate : order) {
                if (measure(runner, byRate, rate, pass) == null) {
                    break passes;
                }
            }
        }
        return summarize(byRate);
    }

    /** Climbs the rates until one breaks a stop bound; returns the rates that ran, the breaking one included. */
    private List<Integer> firstPass(PairedRun runner, Map<Integer, List<RateResult>> byRate) {
        List<Integer> ran = new ArrayList<>();
        for (int rate : options.rates()) {
            RateResult result = measure(runner, byRate, rate, 1);
            if (result == null) {
                break;
            }
            ran.add(rate);
            String stop = stopReason(result);
            if (stop != null) {
                out.println("sweep stops climbing at " + rate + "/s: " + stop + (result.shared()
                        ? String.format(Locale.ROOT, " (but other processes used %.2f cores during that run)",
                                result.cpu().elsewhereCores())
                        : ""));
                break;
            }
        }
        return ran;
    }

    /**
     * One run, once the machine is quiet (or the wait is over), recorded and printed; null,
     * and nothing run, if the time budget has no room for it.
     */
    private RateResult measure(PairedRun runner, Map<Integer, List<RateResult>> byRate, int rate, int pass) {
        long room = roomMillis();
        if (room < 0) {
            out.printf(Locale.ROOT, "time budget of %d s reached: pass %d stopped before %d/s%n",
                    options.budgetSeconds(), pass, rate);
            return null;
        }
        PairedRun.QuietWait wait = runner.awaitQuietMachine(Math.min(room, options.quietWaitSeconds() * 1_000L));
        if (wait.waitedMillis() >= 1_000 || !wait.quiet()) {
            out.printf(Locale.ROOT, "      ~ waited %.1f s for other processes to quiet down%s%n", wait.waitedMillis() / 1e3,
                    wait.quiet() ? "" : String.format(Locale.ROOT, "; still %.2f cores busy, running anyway",
                            wait.elsewhereCores()));
        }
        RateResult result = runner.run(rate, options.seconds(), pass, 42 + pass);
        byRate.computeIfAbsent(result.rate(), r -> new ArrayList<>()).add(result);
        out.println(SweepTable.run(result));
        out.flush();
        return result;
    }

    private static String stopReason(RateResult r) {
        if (!r.measured()) {
            return "the run failed (" + r.problem() + ")";
        }
        if (r.latenessP99() > SweepOptions.STOP_LATENESS_P99_MS) {
            return String.format(Locale.ROOT, "lateness p99 %.3f ms > %.0f ms", r.latenessP99(),
                    SweepOptions.STOP_LATENESS_P99_MS);
        }
        if (r.errorShare() > SweepOptions.STOP_ERROR_SHARE) {
            return String.format(Locale.ROOT, "%.2f %% of requests ended in errors or were not sent (> %.0f %%)",
                    100 * r.errorShare(), 100 * SweepOptions.STOP_ERROR_SHARE);
        }
        return null;
    }

    /** Milliseconds that could still be spent waiting before a run and stay within budget; negative if none. */
    private long roomMillis() {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return TimeUnit.SECONDS.toMillis(options.budgetSeconds() - options.seconds() - RUN_OVERHEAD_SECONDS) - elapsed;
    }

    private int summarize(Map<Integer, List<RateResult>> byRate) {
        out.println();
        out.println("medians per rate (each column on its own; adds up and errmax over all runs):");
        out.println(verdictLine(printMedians(byRate, run -> true)));
        boolean anyShared = byRate.values().stream().flatMap(List::stream).anyMatch(RateResult::shared);
        if (anyShared) {
            out.println();
            out.printf(Locale.ROOT, "the same over only the runs that did not share the machine (elsewhere <= %.1f cores):%n",
                    SweepOptions.SHARED_CORES);
            out.println(verdictLine(printMedians(byRate, run -> !run.shared())));
        }
        out.printf(Locale.ROOT, "load average at end: %s; sweep took %d s%n", loadAverage(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        boolean clean = byRate.values().stream().flatMap(List::stream).allMatch(r -> r.measured() && r.addsUp());
        return clean ? 0 : 1;
    }

    /** Prints the medians table over the runs {@code included} keeps, and returns its rows. */
    private List<RateMedians> printMedians(Map<Integer, List<RateResult>> byRate, Predicate<RateResult> included) {
        List<RateMedians> medians = new ArrayList<>();
        out.println(SweepTable.medianHeader());
        for (int rate : options.rates()) {
            List<RateResult> runs = byRate.getOrDefault(rate, List.of()).stream().filter(included).toList();
            if (!runs.isEmpty()) {
                RateMedians m = RateMedians.of(rate, runs);
                medians.add(m);
                out.println(SweepTable.median(m));
            } else if (byRate.containsKey(rate)) {
                out.printf(Locale.ROOT, "%5d %7d  (no run)%n", 0, rate);
            }
        }
        out.println();
        return medians;
    }

    /** The highest rate within bounds, what it cost, and any lower rate that was not. */
    static String verdictLine(List<RateMedians> medians) {
        RateMedians best = null;
        List<Integer> lowerMisses = new ArrayList<>();
        for (RateMedians m : medians) {
            if (m.good(SweepOptions.GOOD_LATENESS_P99_MS, SweepOptions.STOP_ERROR_SHARE)) {
                best = m;
            } else {
                lowerMisses.add(m.rate());
            }
        }
        String label = String.format(Locale.ROOT, "highest paired rate with lateness p99 < %.0f ms", SweepOptions.GOOD_LATENESS_P99_MS);
        if (best == null) {
            return label + ": none of the rates tried";
        }
        RateMedians found = best;
        lowerMisses.removeIf(rate -> rate > found.rate());
        String line = String.format(Locale.ROOT,
                "%s: %d/s (median over %d run(s), %d of them shared the machine: lateness p99 %.3f ms; "
                        + "CPU %.2f cores busy, %.1f us per paired request)",
                label, best.rate(), best.runs(), best.sharedRuns(), best.latenessP99(), best.cores(), best.cpuMicros());
        return lowerMisses.isEmpty() ? line : line + "; note: lower rate(s) " + lowerMisses + " missed a bound";
    }

    private void printHeader() {
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("Shadowgate rate sweep, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf(Locale.ROOT, "machine: %d cores, %s, %s %s; Java %s (%s); Netty transport %s%n", cores,
                HarnessArgs.cpuModel(), System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Transport.best());
        out.println("load average at start: " + loadAverage());
        if (options.target() == null) {
            out.printf(Locale.ROOT, """
                    targets: two simulated servers (median 1 ms, sigma 0.2, no errors, 1 event-loop thread each)
                      IN THIS JVM (--servers-in-process): they compete with the replayer for the same %d cores,
                      and their CPU is included in the CPU columns.
                    """, cores);
        } else {
            out.printf(Locale.ROOT, """
                    targets: baseline and candidate are both %s, a server outside this process (its processes %s
                      count as the target's CPU, not as "elsewhere"); on one machine it shares the %d cores.
                    """, options.target(), options.targetPids(), cores);
        }
        out.printf(Locale.ROOT, """
                traffic: shadow mode, constant arrivals of POST /v1/predict with a {{features:8}} body; rate = requests/s
                  to EACH target, so the process handles twice that many exchanges a second.
                replayer: %d max connections per target (%d opened ahead), %s client event loops,
                  timeouts connect %d ms, request %d ms.
                runs: rates %s; %d s each; %d pass(es), alternating direction; warm-up %d s at %d/s (discarded).
                  Climbing stops after a run with lateness p99 > %.0f ms or more than %.0f %% errors/timeouts/not sent;
                  no run starts that could end after %d s. A full GC runs before each run, and each run first waits
                  up to %d s for other processes to use less than %.1f cores (this machine may be shared).
                """, options.maxConnections(), Math.min(PairedRun.WARMUP_CONNECTIONS, options.maxConnections()),
                options.clientThreads() == SweepOptions.DEFAULT_CLIENT_THREADS ? "automatic"
                        : String.valueOf(options.clientThreads()), PairedRun.CONNECT_TIMEOUT.toMillis(), PairedRun.REQUEST_TIMEOUT.toMillis(),
                HarnessArgs.join(options.rates()), options.seconds(), options.repeats(), options.warmupSeconds(),
                options.warmupRate(), SweepOptions.STOP_LATENESS_P99_MS, 100 * SweepOptions.STOP_ERROR_SHARE,
                options.budgetSeconds(), options.quietWaitSeconds(), SweepOptions.SHARED_CORES);
        out.println(SweepTable.LEGEND);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
