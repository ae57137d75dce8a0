package io.shadowgate.cli;

import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.report.VerdictJson;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import io.shadowgate.scenario.ValueParsers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@code judge --gate ...}: the same gates and decision rule as {@code run}, on two latency
 * sample sets exported from elsewhere. Unpaired unless {@code --paired} (value i of one file
 * is the same request as value i of the other).
 */
final class OfflineGates {

    /** {@code p99=+10%} (relative increase) or {@code p99<=250ms} (absolute budget). */
    private static final Pattern RELATIVE = Pattern.compile("p(\\d+(?:\\.\\d+)?)=\\+?(.+%)");
    private static final Pattern BUDGET = Pattern.compile("p(\\d+(?:\\.\\d+)?)<=(.+)");

    private OfflineGates() {
    }

    /** Parses the {@code --gate} specs; IllegalArgumentException names the bad one and the forms. */
    static Gates parse(List<String> specs, long minSamples, double confidence) {
        Map<Double, Double> increases = new LinkedHashMap<>();
        Map<Double, Double> budgets = new LinkedHashMap<>();
        for (String spec : specs) {
            String s = spec.replace(" ", "");
            Matcher relative = RELATIVE.matcher(s);
            Matcher budget = BUDGET.matcher(s);
            if (relative.matches()) {
                increases.put(percentile(relative.group(1), spec), ValueParsers.fraction(relative.group(2)));
            } else if (budget.matches()) {
                budgets.put(percentile(budget.group(1), spec), ValueParsers.duration(budget.group(2)).toNanos() / 1e6);
            } else {
                throw new IllegalArgumentException("--gate '" + spec + "' is not a gate; expected pNN=+X% (at most X % "
                        + "above the baseline) or pNN<=DURATION (an absolute budget), e.g. p99=+10% or p99<=250ms");
            }
        }
        Map<Double, LatencyGate> latency = new LinkedHashMap<>();
        for (Double p : union(increases, budgets)) {
            latency.put(p, new LatencyGate(increases.get(p), budgets.get(p)));
        }
        return new Gates(minSamples, latency, null, confidence);
    }

    /**
     * Judges and prints; returns the verdict.
     *
     * @param millisPerUnit what one unit of the files is in milliseconds (1 for ms, 0.001 for µs)
     */
    static Verdict judge(Gates gates, double[] baseline, double[] candidate, double millisPerUnit, boolean paired,
                         boolean json, PrintWriter out) {
        double[] b = micros(baseline, millisPerUnit);
        double[] c = micros(candidate, millisPerUnit);
        PairedLatencies pairs = paired ? new PairedLatencies(b, c, b.length, b.length) : null;
        Evidence evidence = new Evidence(paired ? "paired samples" : "samples", histogram(b), histogram(c),
                counts(b.length), counts(c.length), pairs);
        Verdict verdict = new Judge(gates).judge(evidence);
        if (json) {
            out.println(VerdictJson.toJson(verdict));
        } else {
            out.printf(Locale.ROOT, "%s  %d baseline and %d candidate values%s%n", verdict.decision(), b.length, c.length,
                    paired ? ", paired" : "");
            for (GateResult g : verdict.gates()) {
                out.printf(Locale.ROOT, "  %-12s %s%n", g.decision(), g.reason());
            }
            if (!verdict.gates().isEmpty()) {
                out.println("  rule: " + verdict.gates().get(0).rule());
            }
        }
        out.flush();
        return verdict;
    }

    private static double percentile(String number, String spec) {
        double p = Double.parseDouble(number);
        if (!(p > 0 && p < 100)) {
            throw new IllegalArgumentException("--gate '" + spec + "': the percentile must be between 0 and 100");
        }
        return p;
    }

    private static List<Double> union(Map<Double, Double> a, Map<Double, Double> b) {
        Map<Double, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return List.copyOf(keys.keySet());
    }

    private static double[] micros(double[] values, double millisPerUnit) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.max(1, values[i] * millisPerUnit * 1_000);
        }
        return out;
    }

    private static Histogram histogram(double[] micros) {
        Histogram h = Histograms.newHistogram();
        for (double v : micros) {
            h.recordValue(Math.min(Histograms.HIGHEST_MICROS, Math.round(v)));
        }
        return h;
    }

    /** Samples are latencies of answered requests: all of them count as responses. */
    private static OutcomeCounts counts(long n) {
        return new OutcomeCounts(n, n, 0, 0, 0, 0, 0, 0);
    }
}
