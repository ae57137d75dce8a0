package io.shadowgate.judge;

import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistical judge. Every gate has an estimate, a confidence interval and a rule: GO
 * when the evidence shows the gate holds (the one-sided upper bound within the margin),
 * NO_GO when it shows the gate is breached (the lower bound beyond it), INCONCLUSIVE
 * otherwise, with an estimate of the traffic that would likely decide. The levels make the
 * run's error rates honest across gates; see {@link Levels}. A gate without enough data
 * (fewer than {@code minSamples}, or too few beyond its percentile) is INCONCLUSIVE rather
 * than guessed. The run is NO_GO if any gate is NO_GO, GO if every gate is GO, INCONCLUSIVE
 * otherwise. Stateless; the bootstrap is seeded, so the same evidence gives the same verdict.
 */
public final class Judge {

    /** A percentile estimate needs at least this many responses beyond it to mean anything. */
    public static final int MIN_TAIL_SAMPLES = LatencyGates.MIN_TAIL_SAMPLES;

    private final Gates gates;
    private final Levels levels;
    private final long seed;

    public Judge(Gates gates) {
        this(gates, 1);
    }

    /** @param seed seeds the bootstrap */
    public Judge(Gates gates, long seed) {
        this(gates, seed, gates.confidence(), "");
    }

    private Judge(Gates gates, long seed, double confidence, String spending) {
        this.gates = gates;
        this.levels = new Levels(confidence, gates.count(), spending);
        this.seed = seed;
    }

    /** A judge for look {@code look} at a growing run (see {@link Looks}). */
    public static Judge atInterimLook(Gates gates, long seed, int look) {
        double c = Looks.interim(gates.confidence(), look);
        return new Judge(gates, seed, c, String.format(java.util.Locale.ROOT, "Look %d at a growing run: confidence "
                + "%s, spent so that all looks together keep %s (anytime-valid)", look, Levels.percent(c),
                Levels.percent(gates.confidence())));
    }

    /** A judge for the end of a run that had {@code looks} interim looks without a decision. */
    public static Judge afterLooks(Gates gates, long seed, int looks) {
        if (looks == 0) {
            return new Judge(gates, seed);
        }
        double c = Looks.closing(gates.confidence(), looks);
        return new Judge(gates, seed, c, String.format(java.util.Locale.ROOT, "Final judgement after %d undecided looks: "
                + "confidence %s, what the looks left of %s", looks, Levels.percent(c), Levels.percent(gates.confidence())));
    }

    public Verdict judge(Evidence evidence) {
        return judge(List.of(evidence));
    }

    /**
     * Judges every gate on every scope of evidence (all traffic, then each endpoint when the
     * gates ask for it); the NO_GO correction counts every gate of every scope.
     */
    public Verdict judge(List<Evidence> scopes) {
        Levels family = new Levels(levels.confidence(), Math.max(1, levels.gates() * scopes.size()), levels.spending());
        List<GateResult> results = new ArrayList<>();
        for (Evidence evidence : scopes) {
            results.addAll(gatesOn(evidence, family));
        }
        return combine(results);
    }

    private List<GateResult> gatesOn(Evidence evidence, Levels levels) {
        LatencyGates latency = new LatencyGates(levels, gates.minSamples(), seed);
        List<GateResult> results = new ArrayList<>();
        for (Map.Entry<Double, LatencyGate> e : gates.latency().entrySet()) {
            double percentile = e.getKey();
            LatencyGate gate = e.getValue();
            if (gate.maxIncrease() != null) {
                results.add(latency.relative(evidence, percentile, gate.maxIncrease()));
            }
            if (gate.maxMs() != null) {
                results.add(latency.budget(evidence, percentile, gate.maxMs()));
            }
        }
        if (gates.errorRate() != null) {
            results.add(new ErrorRateGates(levels, gates.minSamples()).increase(evidence, gates.errorRate()));
        }
        return results;
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
                reasons.add("all".equals(r.scope()) ? r.reason() : r.scope() + ": " + r.reason());
            }
        }
        return new Verdict(decision, List.copyOf(results), List.copyOf(reasons));
    }
}
