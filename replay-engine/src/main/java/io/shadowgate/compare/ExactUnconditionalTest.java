package io.shadowgate.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoublePredicate;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Exact unconditional tests of a difference of error rates against a margin, for the small
 * counts where normal approximations are not to be trusted (see
 * {@link ErrorRateDifference#isSmallCount}).
 *
 * <p>Chan (1998, Stat Med 17:1403), after Barnard (1947): order the tables by the
 * Farrington-Manning score statistic {@link ScoreStatistic} at the margin; the p-value is the
 * probability of a table at least as extreme as the observed one, maximised over the nuisance
 * parameter on the null boundary {@code p_c - p_b = margin}. Röhmel & Mansmann (1999, Biom J
 * 41:149) show the boundary holds the supremum over the whole null when the region satisfies
 * Barnard's convexity condition; the tests check that on the cases they use. The supremum is
 * found on a grid uniform in arcsine scale, four points per standard error (the p-value
 * varies on the scale of 1/(2 sqrt n) there, whatever the rate), then refined by Brent's
 * method around the three highest peaks. Binomial outcomes with probability below
 * {@value #TAIL} are dropped (under 1e-15 of probability in all).
 *
 * <p>Cost grows like n^1.5: both p-values together take about 0.2 s at a thousand trials per
 * side and 2 s at ten thousand. Trials above {@value #MAX_TRIALS} per side are refused: use
 * the Newcombe interval there. Stateless and thread-safe.
 */
public final class ExactUnconditionalTest {

    /** Largest number of trials per side the exact test accepts. */
    public static final int MAX_TRIALS = 10_000;
    /** Tables whose statistic equals the observed one up to this relative rounding count as ties (in the region). */
    static final double TIE_TOLERANCE = 1e-9;
    private static final double TAIL = 1e-20;
    private static final int MIN_GRID = 100;
    private static final double GRID_PER_UNIT_ARCSINE_TIMES_ROOT_N = 8;
    private static final int PEAKS_REFINED = 3;
    private static final double RELATIVE_TOLERANCE = 1e-3;
    private static final int PROBES_PAST_CROSSING = 5;
    private static final int MAX_RESTARTS = 3;

    private ExactUnconditionalTest() {
    }

    /**
     * One-sided p-value of H0: {@code p_c - p_b >= margin} against H1: {@code p_c - p_b < margin}
     * (the candidate is not worse than the baseline by the margin or more). Compare with the
     * one-sided level alpha: {@code p <= alpha} shows non-inferiority. 1 when a side has no trials.
     *
     * @param margin absolute margin in (-1, 1), e.g. 0.01 for one percentage point
     */
    public static double nonInferiorityPValue(ErrorCount baseline, ErrorCount candidate, double margin) {
        validate(baseline, candidate, margin);
        return supremumOverNullBoundary(baseline, candidate, margin);
    }

    /**
     * One-sided p-value of H0: {@code p_c - p_b <= margin} against H1: {@code p_c - p_b > margin}
     * (the candidate is worse by more than the margin). {@code p <= alpha} shows the breach.
     * 1 when a side has no trials.
     */
    public static double overMarginPValue(ErrorCount baseline, ErrorCount candidate, double margin) {
        // p_c - p_b > margin is p_b - p_c < -margin: the test above with the groups swapped.
        // The score statistic only changes sign under the swap, so the ordering is the same.
        validate(baseline, candidate, margin);
        return supremumOverNullBoundary(candidate, baseline, -margin);
    }

    /**
     * The two-sided interval at {@code confidence} spanning the margins neither one-sided test
     * rejects at level {@code (1 - confidence) / 2}: upper = where {@code nonInferiorityPValue}
     * falls to alpha, lower = where {@code overMarginPValue} does; bracketed from Newcombe's
     * bound, bisected to 0.1% of the half-width, rounded outwards. For the report: exact
     * p-values are not monotone in the margin (the ordering of the tables changes with it;
     * 2/60 vs 5/70 gives 0.694 at 0.02 and 0.731 at 0.03), so past the crossing we probe five
     * margins as far out again and move past any that is not rejected. A wiggle further out
     * can still be missed: decide a gate with the p-values at its own margin, which are valid
     * level-alpha tests. Costs about 30 p-values (seconds at a thousand trials per side).
     */
    public static DifferenceEstimate interval(ErrorCount baseline, ErrorCount candidate, double confidence) {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1) (was " + confidence + ")");
        }
        if (baseline.trials() == 0 || candidate.trials() == 0) {
            return DifferenceEstimate.noData(confidence);
        }
        double alpha = (1 - confidence) / 2;
        double estimate = candidate.rate() - baseline.rate();
        DifferenceEstimate guess = ErrorRateDifference.newcombe(baseline, candidate, confidence);
        double upper = lastCrossing(estimate, guess.upper(),
                m -> nonInferiorityPValue(baseline, candidate, m) <= alpha);
        // The lower bound is the upper bound of the mirrored problem, margin -> -margin.
        double lower = -lastCrossing(-estimate, -guess.lower(),
                m -> overMarginPValue(baseline, candidate, -m) <= alpha);
        return new DifferenceEstimate(estimate, lower, upper, confidence, DifferenceEstimate.EXACT);
    }

    /**
     * Where {@code rejected} turns true for good going up from {@code from} (not rejected)
     * towards 1, starting the search at {@code guess}; 1 if it never does.
     */
    private static double lastCrossing(double from, double guess, DoublePredicate rejected) {
        double scale = Math.max(guess - from, 1e-6);
        double crossing = crossing(from, Math.max(from, guess), scale, rejected);
        for (int restart = 0; restart < MAX_RESTARTS && crossing < 1; restart++) {
            double acceptedBeyond = Double.NaN;
            for (int k = 1; k <= PROBES_PAST_CROSSING && Double.isNaN(acceptedBeyond); k++) {
                double probe = crossing + k * (crossing - from) / PROBES_PAST_CROSSING;
                if (probe < 1 && !rejected.test(probe)) {
                    acceptedBeyond = probe;
                }
            }
            if (Double.isNaN(acceptedBeyond)) {
                break;
            }
            crossing = crossing(acceptedBeyond, acceptedBeyond, scale, rejected);
        }
        return crossing;
    }

    /**
     * The first crossing above the accepted {@code from}: step out from {@code guess} in
     * doubling steps until rejected, then bisect to {@code scale * 1e-3}; 1 if nothing below 1
     * is rejected.
     */
    private static double crossing(double from, double guess, double scale, DoublePredicate rejected) {
        double last = Math.nextDown(1.0);
        double accepted = from;
        double probe = Math.min(last, guess);
        for (double step = scale / 2; !rejected.test(probe); step *= 2) {
            if (probe >= last) {
                return 1;
            }
            accepted = probe;
            probe = Math.min(last, probe + step);
        }
        double rejectedAt = probe;
        while (rejectedAt - accepted > scale * RELATIVE_TOLERANCE) {
            double mid = (accepted + rejectedAt) / 2;
            if (rejected.test(mid)) {
                rejectedAt = mid;
            } else {
                accepted = mid;
            }
        }
        return rejectedAt;
    }

    private static double supremumOverNullBoundary(ErrorCount baseline, ErrorCount candidate, double margin) {
        if (baseline.trials() == 0 || candidate.trials() == 0) {
            return 1;
        }
        int nb = (int) baseline.trials();
        int nc = (int) candidate.trials();
        double z = ScoreStatistic.z(baseline.errors(), nb, candidate.errors(), nc, margin);
        RejectionRegion region = new RejectionRegion(nb, nc, margin, z + TIE_TOLERANCE * Math.max(1, Math.abs(z)));
        double lo = Math.max(0, -margin);
        double hi = Math.min(1, 1 - margin);
        double thetaLo = Math.asin(Math.sqrt(lo));
        double thetaHi = Math.asin(Math.sqrt(hi));
        int points = Math.max(MIN_GRID, (int) Math.ceil(
                (thetaHi - thetaLo) * GRID_PER_UNIT_ARCSINE_TIMES_ROOT_N * Math.sqrt(Math.max(nb, nc)))) + 1;
        double[] grid = new double[points];
        double[] size = new double[points];
        for (int i = 0; i < points; i++) {
            double s = Math.sin(thetaLo + (thetaHi - thetaLo) * i / (points - 1));
            grid[i] = i == 0 ? lo : i == points - 1 ? hi : Math.max(lo, Math.min(hi, s * s));
            size[i] = sizeAt(region, nb, nc, grid[i], grid[i] + margin);
        }
        double best = Arrays.stream(size).max().orElse(1);
        int[] peaks = IntStream.range(0, points)
                .filter(i -> (i == 0 || size[i] >= size[i - 1]) && (i == points - 1 || size[i] >= size[i + 1]))
                .boxed().sorted(Comparator.comparingDouble(i -> -size[i]))
                .limit(PEAKS_REFINED).mapToInt(Integer::intValue).toArray();
        for (int i : peaks) {
            double a = grid[Math.max(0, i - 1)];
            double b = grid[Math.min(points - 1, i + 1)];
            if (b > a) {
                double refined = new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval(500),
                        new UnivariateObjectiveFunction(pb -> sizeAt(region, nb, nc, pb, pb + margin)),
                        GoalType.MAXIMIZE, new SearchInterval(a, b, grid[i])).getValue();
                best = Math.max(best, refined);
            }
        }
        return Math.min(1, best);
    }

    /** Probability of the region when the rates are pb and pc: the size of the test at that point. */
    static double sizeAt(RejectionRegion region, int nb, int nc, double pb, double pc) {
        Window b = Window.of(nb, pb);
        Window c = Window.of(nc, pc);
        double[] cumulative = c.pmf().clone();
        for (int i = 1; i < cumulative.length; i++) {
            cumulative[i] += cumulative[i - 1];
        }
        double total = 0;
        for (int xb = b.from(); xb <= b.to(); xb++) {
            total += b.pmf()[xb - b.from()] * region.weightInRegion(xb, c.from(), c.to(), cumulative);
        }
        return total;
    }

    private static void validate(ErrorCount baseline, ErrorCount candidate, double margin) {
        if (!(margin > -1 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in (-1, 1) (was " + margin + ")");
        }
        long most = Math.max(baseline.trials(), candidate.trials());
        if (most > MAX_TRIALS) {
            throw new IllegalArgumentException("the exact test takes at most " + MAX_TRIALS
                    + " trials per side (was " + most + "); use the Newcombe interval for large counts");
        }
    }

    /** The binomial pmf over the outcomes whose probability is at least {@value #TAIL}. */
    private record Window(int from, int to, double[] pmf) {

        static Window of(int n, double p) {
            if (p <= 0 || p >= 1) {
                int x = p <= 0 ? 0 : n;
                return new Window(x, x, new double[] {1});
            }
            BinomialDistribution d = new BinomialDistribution(null, n, p);
            int mode = (int) Math.min(n, Math.floor((n + 1) * p));
            double[] all = new double[n + 1];
            all[mode] = d.probability(mode);
            int from = mode;
            while (from > 0 && (all[from - 1] = d.probability(from - 1)) >= TAIL) {
                from--;
            }
            int to = mode;
            while (to < n && (all[to + 1] = d.probability(to + 1)) >= TAIL) {
                to++;
            }
            return new Window(from, to, Arrays.copyOfRange(all, from, to + 1));
        }
    }
}
