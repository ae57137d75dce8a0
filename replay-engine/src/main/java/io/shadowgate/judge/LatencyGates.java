package io.shadowgate.judge;

import io.shadowgate.compare.PairedQuantileRatio;
import io.shadowgate.compare.QuantileBounds;
import io.shadowgate.compare.QuantileRatio;
import io.shadowgate.compare.UnpairedQuantileRatio;
import io.shadowgate.metrics.PairedLatencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The two latency gates: a percentile's increase over the baseline (on the request pairs of
 * shadow traffic, or conservatively on the two histograms when there are no pairs), and a
 * percentile against an absolute budget. Each returns its estimate, its bounds and the rule.
 * One instance judges one scope's evidence, on one thread: it keeps that scope's bootstrap.
 */
final class LatencyGates {

    /** A percentile estimate needs at least this many responses beyond it to mean anything. */
    static final int MIN_TAIL_SAMPLES = 10;

    private final Levels levels;
    private final long minSamples;
    private final long seed;
    /** The percentiles of the relative gates: their paired ratios come from one bootstrap of the pairs. */
    private final List<Double> relativePercentiles;
    /** The pairs {@link #pairedRatios} were bootstrapped from, and the ratios by percentile; null until asked. */
    private PairedLatencies bootstrapped;
    private Map<Double, QuantileRatio> pairedRatios;

    /** @param relativePercentiles the percentiles {@link #relative} will be asked for */
    LatencyGates(Levels levels, long minSamples, long seed, List<Double> relativePercentiles) {
        this.levels = levels;
        this.minSamples = minSamples;
        this.seed = seed;
        this.relativePercentiles = relativePercentiles;
    }

    GateResult relative(Evidence ev, double percentile, double maxIncrease) {
        String p = Format.percentileName(percentile);
        String gate = "latency " + p + " increase";
        boolean paired = ev.pairs() != null && ev.pairs().size() > 0;
        String method = paired
                ? "paired Poisson bootstrap (" + PairedQuantileRatio.DEFAULT_REPLICATES + " replicates) standard error of "
                        + "log(candidate " + p + " / baseline " + p + "), normal on the log scale"
                : "standard error of log(candidate " + p + " / baseline " + p + ") from each side's distribution-free "
                        + "order-statistic interval (Price-Bonett, unpaired), normal on the log scale";
        String rule = levels.rule("candidate " + p + " / baseline " + p + " - 1", "+" + Format.percent(maxIncrease), method);
        double b = millis(ev.baselineLatency(), percentile);
        double c = millis(ev.candidateLatency(), percentile);
        long n = paired ? ev.pairs().size() : Math.min(ev.baselineLatency().getTotalCount(), ev.candidateLatency().getTotalCount());
        String thin = tooThin(n, percentile, paired ? "request pairs" : "responses");
        if (thin != null) {
            return new GateResult(gate, ev.scope(), Decision.INCONCLUSIVE, b, c, Double.NaN, null, maxIncrease, "ratio",
                    rule, gate + ": " + thin);
        }
        QuantileRatio r;
        long seen;
        if (paired) {
            PairedLatencies pairs = ev.pairs();
            // A reservoir smaller than the run: its standard error overstates the run's; keep it (conservative).
            r = pairedRatio(pairs, percentile);
            seen = pairs.seen();
            // Show the percentiles the estimate came from: those of the request pairs.
            b = r.baselineQ() / 1_000.0;
            c = r.candidateQ() / 1_000.0;
        } else {
            r = UnpairedQuantileRatio.estimate(ev.baselineLatency(), ev.candidateLatency(), percentile);
            seen = r.samples();
        }
        double estimate = r.estimate() - 1;
        double upper = r.upper(levels.go()) - 1;
        double lower = r.lower(levels.noGo()) - 1;
        // NO_GO needs log(ratio) - z(noGo)·se > log(1 + margin); it happens 80 % of the time when the
        // true ratio is (1 + margin)·exp((z(noGo) + z(0.8))·se).
        double detectable = (1 + maxIncrease) * Math.exp((PairedQuantileRatio.z(levels.noGo())
                + PairedQuantileRatio.z(GateResult.DETECTION_POWER)) * r.logSe()) - 1;
        Decision d = levels.decide(upper, lower, maxIncrease);
        Interval interval = new Interval(lower, upper, levels.confidence(),
                paired ? "paired bootstrap, log scale" : "order-statistic standard errors, log scale, unpaired");
        String reason = String.format(Locale.ROOT, "%s: candidate %s vs baseline %s, %s%s [%s%s, %s%s], limit +%s%s",
                gate, Format.millis(c), Format.millis(b), sign(estimate), Format.percent(estimate), sign(lower),
                Format.percent(lower), sign(upper), Format.percent(upper), Format.percent(maxIncrease),
                d == Decision.INCONCLUSIVE ? moreTraffic(r, maxIncrease, seen, paired ? "request pairs" : "responses a side") : "");
        return new GateResult(gate, ev.scope(), d, b, c, estimate, interval, maxIncrease, "ratio", rule, reason, detectable);
    }

    /**
     * The paired ratio at {@code percentile}: one bootstrap of {@code pairs} serves every relative
     * gate's percentile that has enough pairs, since they share its weights (each result is the
     * one it would have alone).
     */
    private QuantileRatio pairedRatio(PairedLatencies pairs, double percentile) {
        if (bootstrapped != pairs || !pairedRatios.containsKey(percentile)) {
            List<Double> judged = new ArrayList<>();
            for (double p : relativePercentiles) {
                if (tooThin(pairs.size(), p, "request pairs") == null && !judged.contains(p)) {
                    judged.add(p);
                }
            }
            if (!judged.contains(percentile)) {
                judged.add(percentile);
            }
            List<QuantileRatio> ratios = PairedQuantileRatio.estimate(pairs.baseline(), pairs.candidate(),
                    judged.stream().mapToDouble(Double::doubleValue).toArray(), PairedQuantileRatio.DEFAULT_REPLICATES,
                    seed);
            pairedRatios = new HashMap<>();
            for (int i = 0; i < judged.size(); i++) {
                pairedRatios.put(judged.get(i), ratios.get(i));
            }
            bootstrapped = pairs;
        }
        return pairedRatios.get(percentile);
    }

    GateResult budget(Evidence ev, double percentile, double maxMs) {
        String p = Format.percentileName(percentile);
        String gate = "latency " + p + " budget";
        String method = "distribution-free order-statistic bounds (binomial ranks) on the candidate's " + p;
        String rule = levels.rule("the candidate's " + p, Format.millis(maxMs), method);
        double b = millis(ev.baselineLatency(), percentile);
        QuantileBounds.Result cq = QuantileBounds.of(ev.candidateLatency(), percentile);
        String thin = tooThin(cq.n(), percentile, "responses");
        if (thin != null) {
            return new GateResult(gate, ev.scope(), Decision.INCONCLUSIVE, b, cq.estimate(), cq.estimate(), null, maxMs,
                    "ms", rule, gate + ": " + thin);
        }
        double upper = cq.upper(levels.go());
        double lower = cq.lower(levels.noGo());
        Decision d = levels.decide(upper, lower, maxMs);
        String reason = String.format(Locale.ROOT, "%s: candidate %s [%s, %s], budget %s", gate,
                Format.millis(cq.estimate()), Format.millis(lower), Format.millis(upper), Format.millis(maxMs));
        return new GateResult(gate, ev.scope(), d, b, cq.estimate(), cq.estimate(),
                new Interval(lower, upper, levels.confidence(), "order statistics"), maxMs, "ms", rule, reason);
    }

    private String tooThin(long n, double percentile, String what) {
        return tooThin(n, percentile, minSamples, what);
    }

    /** Why a percentile of {@code n} {@code what} cannot be judged, or null if it can. */
    static String tooThin(long n, double percentile, long minSamples, String what) {
        if (n < minSamples) {
            return "only " + n + " " + what + ", at least " + minSamples + " needed";
        }
        // The epsilon keeps 10 / 0.001 from becoming 10001 through rounding.
        long needed = (long) Math.ceil(MIN_TAIL_SAMPLES / (1 - percentile / 100.0) - 1e-6);
        if (n < needed) {
            return "only " + n + " " + what + "; " + Format.percentileName(percentile) + " needs at least " + needed
                    + " (" + MIN_TAIL_SAMPLES + " beyond it)";
        }
        return null;
    }

    /**
     * Roughly how many request pairs (or responses a side) would decide: the bounds' half-width on the log scale
     * shrinks like 1/sqrt(n), so with the estimate where it is, n grows by
     * (half-width / distance to the margin)^2.
     */
    private String moreTraffic(QuantileRatio r, double maxIncrease, long seen, String what) {
        double distance = Math.abs(Math.log(1 + maxIncrease) - Math.log(r.estimate()));
        double halfWidth = PairedQuantileRatio.z(r.estimate() < 1 + maxIncrease ? levels.go() : levels.noGo()) * r.logSe()
                * Math.sqrt((double) r.samples() / Math.max(seen, r.samples()));
        if (distance < 1e-9) {
            return "; the estimate sits on the margin: no amount of traffic is likely to decide";
        }
        double factor = Math.pow(halfWidth / distance, 2);
        long total = (long) Math.ceil(Math.max(seen, r.samples()) * factor);
        return String.format(Locale.ROOT, "; about %d %s in all would likely decide", Math.max(total, seen + 1), what);
    }

    private static String sign(double x) {
        return x >= 0 ? "+" : "-";
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
