package io.shadowgate.judge;

import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Judge v1: every gate compares point estimates with its limit. A gate that lacks the data
 * to say anything (too few responses, or too few beyond the percentile it gates) is
 * INCONCLUSIVE rather than guessed. The run is NO_GO if any gate is NO_GO, GO if every gate
 * is GO, INCONCLUSIVE otherwise. {@link GateResult#interval()} stays null until the
 * statistical judge fills it in. Stateless.
 */
public final class Judge {

    /** A percentile estimate needs at least this many responses beyond it to mean anything. */
    public static final int MIN_TAIL_SAMPLES = 10;

    private final Gates gates;

    public Judge(Gates gates) {
        this.gates = gates;
    }

    public Verdict judge(Evidence evidence) {
        List<GateResult> results = new ArrayList<>();
        for (Map.Entry<Double, LatencyGate> e : gates.latency().entrySet()) {
            double percentile = e.getKey();
            LatencyGate gate = e.getValue();
            if (gate.maxIncrease() != null) {
                results.add(relativeLatency(evidence, percentile, gate.maxIncrease()));
            }
            if (gate.maxMs() != null) {
                results.add(latencyBudget(evidence, percentile, gate.maxMs()));
            }
        }
        if (gates.errorRate() != null) {
            results.add(errorRate(evidence, gates.errorRate()));
        }
        return combine(results);
    }

    private GateResult relativeLatency(Evidence ev, double percentile, double maxIncrease) {
        String gate = "latency " + Format.percentileName(percentile) + " increase";
        String rule = "point estimate: candidate " + Format.percentileName(percentile) + " / baseline "
                + Format.percentileName(percentile) + " - 1 <= " + Format.percent(maxIncrease);
        double b = millisAt(ev.baselineLatency(), percentile);
        double c = millisAt(ev.candidateLatency(), percentile);
        String thin = tooThin(ev, percentile);
        if (thin != null) {
            return new GateResult(gate, ev.scope(), Decision.INCONCLUSIVE, b, c, Double.NaN, null, maxIncrease,
                    "ratio", rule, gate + ": " + thin);
        }
        double increase = c / b - 1;
        Decision d = increase <= maxIncrease ? Decision.GO : Decision.NO_GO;
        String reason = String.format(Locale.ROOT, "%s: candidate %s vs baseline %s (%s%s), limit +%s",
                gate, Format.millis(c), Format.millis(b), increase >= 0 ? "+" : "-", Format.percent(increase),
                Format.percent(maxIncrease));
        return new GateResult(gate, ev.scope(), d, b, c, increase, null, maxIncrease, "ratio", rule, reason);
    }

    private GateResult latencyBudget(Evidence ev, double percentile, double maxMs) {
        String gate = "latency " + Format.percentileName(percentile) + " budget";
        String rule = "point estimate: candidate " + Format.percentileName(percentile) + " <= " + Format.millis(maxMs);
        double b = millisAt(ev.baselineLatency(), percentile);
        double c = millisAt(ev.candidateLatency(), percentile);
        String thin = tooThin(ev, percentile);
        if (thin != null) {
            return new GateResult(gate, ev.scope(), Decision.INCONCLUSIVE, b, c, c, null, maxMs, "ms", rule,
                    gate + ": " + thin);
        }
        Decision d = c <= maxMs ? Decision.GO : Decision.NO_GO;
        String reason = String.format(Locale.ROOT, "%s: candidate %s, budget %s", gate, Format.millis(c),
                Format.millis(maxMs));
        return new GateResult(gate, ev.scope(), d, b, c, c, null, maxMs, "ms", rule, reason);
    }

    private GateResult errorRate(Evidence ev, ErrorRateGate gate) {
        String name = "error rate increase";
        String rule = "point estimate: candidate error rate - baseline error rate <= " + Format.points(gate.maxIncrease());
        double b = ev.baseline().errorRate();
        double c = ev.candidate().errorRate();
        long fewest = Math.min(ev.baseline().judged(), ev.candidate().judged());
        if (fewest < gates.minSamples()) {
            return new GateResult(name, ev.scope(), Decision.INCONCLUSIVE, b, c, Double.NaN, null, gate.maxIncrease(),
                    "points", rule, name + ": only " + fewest + " requests judged, at least " + gates.minSamples() + " needed");
        }
        double increase = c - b;
        Decision d = increase <= gate.maxIncrease() ? Decision.GO : Decision.NO_GO;
        String reason = String.format(Locale.ROOT, "%s: candidate %s vs baseline %s (%s), limit +%s", name,
                Format.percent(c), Format.percent(b), Format.signedPoints(increase), Format.points(gate.maxIncrease()));
        return new GateResult(name, ev.scope(), d, b, c, increase, null, gate.maxIncrease(), "points", rule, reason);
    }

    /** Why a latency percentile cannot be judged yet, or null if it can. */
    private String tooThin(Evidence ev, double percentile) {
        long fewest = Math.min(ev.baselineLatency().getTotalCount(), ev.candidateLatency().getTotalCount());
        if (fewest < gates.minSamples()) {
            return "only " + fewest + " responses, at least " + gates.minSamples() + " needed";
        }
        // The epsilon keeps 10 / 0.001 from becoming 10001 through rounding.
        long needed = (long) Math.ceil(MIN_TAIL_SAMPLES / (1 - percentile / 100.0) - 1e-6);
        if (fewest < needed) {
            return "only " + fewest + " responses; " + Format.percentileName(percentile) + " needs at least " + needed
                    + " (" + MIN_TAIL_SAMPLES + " beyond it)";
        }
        return null;
    }

    private static double millisAt(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    static Verdict combine(List<GateResult> results) {
        if (results.isEmpty()) {
            return new Verdict(Decision.INCONCLUSIVE, List.of(),
                    List.of("the scenario defines no gates, so nothing can pre-authorize the candidate"));
        }
        Decision decision = Decision.GO;
        if (results.stream().anyMatch(r -> r.decision() == Decision.NO_GO)) {
            decision = Decision.NO_GO;
        } else if (results.stream().anyMatch(r -> r.decision() == Decision.INCONCLUSIVE)) {
            decision = Decision.INCONCLUSIVE;
        }
        List<String> reasons = new ArrayList<>();
        for (GateResult r : results) {
            if (r.decision() == decision) {
                reasons.add(r.reason());
            }
        }
        return new Verdict(decision, List.copyOf(results), List.copyOf(reasons));
    }
}
