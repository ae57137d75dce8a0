package io.shadowgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The candidate/baseline ratio of a latency percentile, with one-sided bounds that use the
 * pairing of shadow traffic (the same request measured at both targets at the same instant).
 *
 * <p>Method: the point estimate is the ratio of the two sample quantiles. Its uncertainty is
 * estimated by a paired Poisson bootstrap: each replicate gives every request pair one
 * Poisson(1) weight, shared by its baseline and candidate values, so whatever the two
 * latencies have in common (the request, the moment) moves together and cancels in the ratio.
 * The bootstrap standard error of log(ratio) then gives normal bounds on the log scale
 * (quantile estimators are asymptotically normal); a standard error needs a few hundred
 * replicates, where percentile bounds at a 0.1 % tail would need tens of thousands.
 *
 * <p>Cost: each replicate computes every pair's weight once, for the total (and, in the same
 * pass, the sums beyond a central quantile's window, {@link TailSums}), and again only for
 * the pairs near each quantile and, for a tail quantile, beyond it ({@link QuantileWindow}):
 * about 1.02 × pairs weights a replicate for p50 and p99 together, 0.17 s of one core for 400
 * replicates of 100,000 pairs (the walk over every pair in sorted order it replaces took
 * 0.97 s); the same results to the last bit. From a million pairs on (only {@code judge
 * --paired} on exported samples), the pairs no window reads are not drawn one by one at all:
 * their sums are ({@link #GROUPED_PAIRS}). Stateless.
 */
public final class PairedQuantileRatio {

    public static final int DEFAULT_REPLICATES = 400;

    /**
     * From this many pairs on, the replicates are spread over the cores. A run keeps at most
     * 100,000 pairs a scope ({@code PairedLatencyRecorder.DEFAULT_CAPACITY}) and may judge while
     * it replays, so only {@code judge --paired} on exported samples, which has the machine to
     * itself, gets here.
     */
    static final int PARALLEL_PAIRS = 1_000_000;

    /**
     * From this many pairs on, the weights of the pairs that no quantile window reads are drawn
     * as one Poisson sum per class ({@link TailSums#grouped}) instead of one by one: the same
     * distribution of replicates, from about a twentieth of the draws (p50 and p99, ten million
     * pairs). Below it (every run's reservoir), each replicate is the pass over every pair, to
     * the last bit.
     */
    static final int GROUPED_PAIRS = PARALLEL_PAIRS;

    private PairedQuantileRatio() {
    }

    /**
     * @param baseline   baseline values of pairs 0..n-1
     * @param candidate  candidate values of the same pairs
     * @param percentile 0..100 exclusive
     * @param replicates bootstrap replicates
     * @param seed       seeds the bootstrap: the same data and seed give the same bounds
     */
    public static QuantileRatio estimate(double[] baseline, double[] candidate, double percentile, int replicates, long seed) {
        return estimate(baseline, candidate, new double[] {percentile}, replicates, seed).get(0);
    }

    /**
     * The ratio at each of {@code percentiles}, from one bootstrap: each is exactly what
     * {@link #estimate(double[], double[], double, int, long)} gives for it alone (the replicates'
     * weights depend on the seed and the pairs only), for little more than the cost of one.
     */
    public static List<QuantileRatio> estimate(double[] baseline, double[] candidate, double[] percentiles,
                                               int replicates, long seed) {
        return estimate(baseline, candidate, percentiles, replicates, seed, GROUPED_PAIRS, QuantileWindow.WINDOW_SDS);
    }

    /**
     * As {@link #estimate(double[], double[], double[], int, long)}, with the weights outside
     * the windows drawn as sums from {@code groupFrom} pairs on, and windows {@code windowSds}
     * standard deviations wide; for tests.
     */
    static List<QuantileRatio> estimate(double[] baseline, double[] candidate, double[] percentiles, int replicates,
                                        long seed, int groupFrom, double windowSds) {
        int n = baseline.length;
        if (n != candidate.length || n == 0) {
            throw new IllegalArgumentException("need the same, non-zero number of baseline and candidate values");
        }
        double[][] sorted = sortedBoth(baseline, candidate);
        double[] sortedBaseline = sorted[0];
        double[] sortedCandidate = sorted[1];
        int m = percentiles.length;
        QuantileWindow[] b = new QuantileWindow[m];
        QuantileWindow[] c = new QuantileWindow[m];
        for (int p = 0; p < m; p++) {
            b[p] = QuantileWindow.of(baseline, sortedBaseline, percentiles[p] / 100.0, windowSds);
            c[p] = QuantileWindow.of(candidate, sortedCandidate, percentiles[p] / 100.0, windowSds);
        }
        PoissonOneWeights weights = new PoissonOneWeights(seed, n);
        // Windows 2p and 2p + 1: percentile p's baseline and candidate.
        QuantileWindow[] windows = new QuantileWindow[2 * m];
        for (int p = 0; p < m; p++) {
            windows[2 * p] = b[p];
            windows[2 * p + 1] = c[p];
        }
        TailSums exact = TailSums.of(windows, n);
        TailSums tails = n >= groupFrom ? exact.grouped(n) : exact;
        // log(ratio) of replicate r at percentile p; summed below in replicate order, whatever the threads.
        double[][] x = new double[m][replicates];
        IntStream replicate = IntStream.range(0, replicates);
        (n >= PARALLEL_PAIRS ? replicate.parallel() : replicate).forEach(r -> {
            // A crossing outside a window (some 10 standard deviations out) has nothing to scan
            // when the weights there were drawn as sums: that replicate is drawn again pair by pair.
            if (!logRatios(b, c, tails, weights, r, seed, x)) {
                logRatios(b, c, exact, weights, r, seed, x);
            }
        });
        List<QuantileRatio> ratios = new ArrayList<>(m);
        for (int p = 0; p < m; p++) {
            double sum = 0;
            double sumSquares = 0;
            for (double v : x[p]) {
                sum += v;
                sumSquares += v * v;
            }
            double mean = sum / replicates;
            double variance = Math.max(0, (sumSquares - replicates * mean * mean) / (replicates - 1));
            double bq = b[p].sampleQuantile();
            double cq = c[p].sampleQuantile();
            ratios.add(new QuantileRatio(Math.exp(Math.log(cq / bq)), Math.sqrt(variance), cq, bq, n,
                    "paired Poisson bootstrap"));
        }
        return List.copyOf(ratios);
    }

    /**
     * Both sides sorted; from {@link #PARALLEL_PAIRS} on, the candidate's on another core
     * meanwhile: with the weights outside the windows grouped, the two sorts are most of the
     * work left (at ten million pairs, 1.4 s of 2.1).
     */
    private static double[][] sortedBoth(double[] baseline, double[] candidate) {
        if (baseline.length < PARALLEL_PAIRS) {
            return new double[][] {QuantileWindow.sorted(baseline), QuantileWindow.sorted(candidate)};
        }
        CompletableFuture<double[]> sortedCandidate = CompletableFuture.supplyAsync(() -> QuantileWindow.sorted(candidate));
        return new double[][] {QuantileWindow.sorted(baseline), sortedCandidate.join()};
    }

    /**
     * Replicate {@code r}'s log ratio at each percentile, into {@code x[p][r]}; false, with some
     * left NaN, when a crossing lies outside a window of grouped sums.
     */
    private static boolean logRatios(QuantileWindow[] b, QuantileWindow[] c, TailSums tails, PoissonOneWeights weights,
                                     int r, long seed, double[][] x) {
        long[] beyond = new long[2 * b.length];
        long total = tails.sum(weights, r, seed, beyond);
        boolean scan = !tails.isGrouped();
        for (int p = 0; p < b.length; p++) {
            x[p][r] = Math.log(c[p].weighted(weights, r, total, beyond[2 * p + 1], scan)
                    / b[p].weighted(weights, r, total, beyond[2 * p], scan));
            if (Double.isNaN(x[p][r])) {
                return false;
            }
        }
        return true;
    }

    /** The 0-based index of the q-quantile among n sorted values (type 1: the smallest with rank >= q·n). */
    static int rank(int n, double q) {
        // The epsilon keeps 0.999 × 100,000 from rounding up to 99,901.
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n - 1e-9) - 1));
    }

    public static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability(confidence);
    }
}
