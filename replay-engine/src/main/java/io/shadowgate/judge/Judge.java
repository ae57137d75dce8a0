package io.shadowgate.judge;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** Windows the run plans to judge one by one, or 0 when it is judged as a whole only. */
    private final int windows;
    /** Whether error-rate gates with few errors show the exact interval, which can take seconds to invert. */
    private final boolean exactIntervals;

    public Judge(Gates gates) {
        this(gates, 1);
    }

    /** @param seed seeds the bootstrap */
    public Judge(Gates gates, long seed) {
        this(gates, seed, gates.confidence(), "");
    }

    private Judge(Gates gates, long seed, double confidence, String spending) {
        this(gates, seed, new Levels(confidence, gates.count(), spending), 0);
    }

    private Judge(Gates gates, long seed, Levels levels, int windows) {
        this(gates, seed, levels, windows, true);
    }

    private Judge(Gates gates, long seed, Levels levels, int windows, boolean exactIntervals) {
        this.exactIntervals = exactIntervals;
        this.gates = gates;
        this.levels = levels;
        this.seed = seed;
        this.windows = windows;
    }

    /**
     * This judge for a run that is also judged window by window, {@code planned} windows in
     * all: the whole run keeps half of the NO_GO error budget and the windows share the other
     * half (Bonferroni over gates × planned windows), so a run that looks at every window still
     * comes out falsely NO_GO at most 1 − C of the time. GO is unchanged: it needs the whole run.
     * With fewer than two windows there is nothing to locate, and the judge is returned as is.
     */
    public Judge withWindows(int planned) {
        if (planned < 2) {
            return this;
        }
        return new Judge(gates, seed, levels.withNoGoShare(0.5), planned);
    }

    /**
     * This judge for one of the {@code phases} phases of a staged rollout, each judged on its own
     * traffic: they share this judge's NO_GO error budget equally (Bonferroni over the phases),
     * so a candidate within every margin is aborted at some phase at most 1 − C of the time. GO
     * is unchanged: every phase must be shown to hold on its own before the rollout completes,
     * so a false completion needs a false promotion at the last phase at least.
     */
    public Judge forPhases(int phases) {
        if (phases < 2) {
            return this;
        }
        return new Judge(gates, seed, levels.withNoGoShare(levels.noGoShare() / phases), windows, exactIntervals);
    }

    /**
     * This judge for looks that must be quick (a rollout looks every second): with few errors
     * the error-rate gate still decides by the exact tests at the margin (milliseconds), but
     * shows Newcombe's interval instead of inverting the exact test (seconds at 2,000 a side).
     */
    public Judge quick() {
        return new Judge(gates, seed, levels, windows, false);
    }

    /**
     * Judges one evaluation window's traffic on its own, at the windows' share of the NO_GO
     * budget (see {@link #withWindows}). Window j of a run longer than planned is judged as if
     * j + 1 had been planned, which spends a little more than planned; the plan comes from the
     * traffic's span, so that happens only when a recorded stream ran longer than scanned.
     */
    public WindowVerdict judgeWindow(int index, long startMillis, long endMillis, Evidence evidence) {
        int planned = Math.max(Math.max(windows, 2), index + 1);
        int k = trafficGates();
        Levels window = new Levels(gates.confidence(), k * planned, "", 0.5, k + " gates x " + planned + " windows");
        Verdict v = combine(gatesOn(evidence, window));
        long pairs = evidence.pairs() == null ? 0 : evidence.pairs().seen();
        return new WindowVerdict(index, startMillis, endMillis, pairs, v.decision(), v.gates());
    }

    /**
     * A judge for look {@code look} (1, 2, ...) at a growing run that plans {@code planned}
     * looks (below 2 when unknown), at the look's share of the error budget ({@link Looks}).
     * A look that spends nothing ({@link Looks#judged}) is not to be judged: this throws.
     */
    public static Judge atInterimLook(Gates gates, long seed, int look, int planned) {
        double c = gates.confidence();
        if (!Looks.judged(c, look, planned)) {
            throw new IllegalArgumentException("look " + look + " of " + planned + " planned spends nothing of the "
                    + "error budget at confidence " + c + "; it is not judged");
        }
        double level = Looks.interim(c, look, planned);
        String spent = String.format(Locale.ROOT, "Look %d at a growing run: confidence %s, its share %s of the %s "
                + "error budget, %s", look, Levels.percent(level), Levels.share(1 - level), Levels.share(1 - c),
                howSpent(c, look, planned));
        return new Judge(gates, seed, level, spent + "; all looks and the final judgement together spend at most "
                + Levels.share(1 - c) + " (a union bound over the looks, so anytime-valid)");
    }

    /**
     * A judge at confidence {@code level} for one look whose share of the error budget was
     * reckoned by the caller (a rollout's looks, see {@code rehearsal.StageRule}); {@code spending}
     * says how, for each gate's rule.
     */
    public static Judge atLook(Gates gates, long seed, double level, String spending) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a look's level must be in (0, 1), was " + level);
        }
        return new Judge(gates, seed, level, spending);
    }

    /**
     * A judge for the end of a run that planned {@code planned} looks (below 2 when unknown) and
     * had {@code looks} interim looks without a decision: at what the looks left of the budget.
     */
    public static Judge afterLooks(Gates gates, long seed, int looks, int planned) {
        if (looks == 0) {
            return new Judge(gates, seed);
        }
        double c = gates.confidence();
        double level = Looks.closing(c, looks, planned);
        String how = planned < 2 ? "the looks spent (1 - C)/(j(j+1)) each, an unplanned run"
                : looks < planned ? String.format(Locale.ROOT, "the looks spent %s by O'Brien-Fleming-type spending over "
                        + "%d planned looks, up to t = %d/%d", Levels.share(level - c), planned, looks, planned)
                : String.format(Locale.ROOT, "the looks before the last of %d planned spent %s by O'Brien-Fleming-type "
                        + "spending, and the %d look(s) since shared the rest as 1/(i(i+1))", planned,
                        Levels.share(Looks.spending(c, planned - 1, planned)), looks - planned + 1);
        return new Judge(gates, seed, level, String.format(Locale.ROOT, "Final judgement after %d undecided looks: "
                + "confidence %s, the %s the looks left of the %s error budget (%s)", looks, Levels.percent(level),
                Levels.share(1 - level), Levels.share(1 - c), how));
    }

    /** How look {@code look}'s share was reckoned, in words. */
    private static String howSpent(double c, int look, int planned) {
        if (planned < 2) {
            return "(1 - C)/(j(j+1)) at look j of a run of unplanned length";
        }
        if (look < planned) {
            return String.format(Locale.ROOT, "O'Brien-Fleming-type spending over %d planned looks, alpha(t) = "
                    + "2 - 2 Phi(z(1 - alpha/2)/sqrt t) at t = %d/%d (%s spent by this look)", planned, look, planned,
                    Levels.share(Looks.spending(c, look, planned)));
        }
        return String.format(Locale.ROOT, "at or beyond the last of %d planned looks: 1/(i(i+1)) at i = %d of the %s "
                + "the looks before it left", planned, look - planned + 1,
                Levels.share(1 - c - Looks.spending(c, planned - 1, planned)));
    }

    public Verdict judge(Evidence evidence) {
        return judge(List.of(evidence));
    }

    /**
     * Judges every gate on every scope of evidence (all traffic, then each endpoint when the
     * gates ask for it); the NO_GO correction counts every gate of every scope.
     */
    public Verdict judge(List<Evidence> scopes) {
        return judge(scopes, List.of());
    }

    /**
     * As {@link #judge(List)}, with the run's windows already judged ({@link #judgeWindow}): a
     * window's NO_GO gates join the run's, so a regression confined to part of the run makes it
     * NO_GO and its reasons say when.
     */
    public Verdict judge(List<Evidence> scopes, List<WindowVerdict> judged) {
        return judge(scopes, judged, null);
    }

    /**
     * As {@link #judge(List, List)}, with the gates on responses judged on {@code responses}
     * (null when responses were not compared); they join the NO_GO family.
     */
    public Verdict judge(List<Evidence> scopes, List<WindowVerdict> judged, ResponseFindings responses) {
        int perScope = trafficGates();
        int answers = responses == null ? 0 : ResponseGateChecks.count(gates.responses(), responses);
        int k = Math.max(1, perScope * scopes.size() + answers);
        Levels family = levels.over(k, k + " gates" + (scopes.size() > 1 || answers > 0
                ? " (" + perScope + " x " + scopes.size() + " scope(s)" + (answers > 0 ? " + " + answers + " on responses" : "")
                        + ")" : ""));
        List<GateResult> results = new ArrayList<>();
        for (Evidence evidence : scopes) {
            results.addAll(gatesOn(evidence, family));
        }
        if (responses != null) {
            results.addAll(new ResponseGateChecks(family, gates.minSamples()).all(gates.responses(), responses));
        }
        // A window's NO_GO says something only where the whole run did not already say NO_GO on
        // that gate: a regression confined to part of the run. The windows list keeps them all.
        java.util.Set<String> noGoOverall = new java.util.HashSet<>();
        results.stream().filter(g -> g.decision() == Decision.NO_GO && "all".equals(g.scope()))
                .forEach(g -> noGoOverall.add(g.gate()));
        for (WindowVerdict w : judged) {
            w.gates().stream().filter(g -> g.decision() == Decision.NO_GO && !noGoOverall.contains(g.gate()))
                    .forEach(results::add);
        }
        Verdict v = combine(results);
        return new Verdict(v.decision(), v.gates(), v.reasons(), List.copyOf(judged));
    }

    private List<GateResult> gatesOn(Evidence evidence, Levels levels) {
        List<Double> relative = gates.latency().entrySet().stream().filter(e -> e.getValue().maxIncrease() != null)
                .map(Map.Entry::getKey).toList();
        LatencyGates latency = new LatencyGates(levels, gates.minSamples(), seed, relative);
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
            results.add(new ErrorRateGates(levels, gates.minSamples(), exactIntervals).increase(evidence, gates.errorRate()));
        }
        return results;
    }

    /** Gates judged on each scope of traffic (latency and errors), not on the responses. */
    private int trafficGates() {
        return gates.count() - gates.responses().count();
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
