package io.shadowgate.rehearsal;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Looks;
import io.shadowgate.judge.Verdict;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.Rehearsal;
import io.shadowgate.scenario.ResponseGates;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one look at a phase of a rollout decides, given how far into the phase it is and the
 * phase's settled evidence: the rule alone, with no clock and no traffic, so that the rollout
 * and the calibration harness decide exactly alike.
 *
 * <p>How a phase spends its error budget α = 1 − C over its looks. Most decisions fall where
 * a hold ends, so the looks there get most of it: {@value #HOLD_END_SHARE} of α, equally to
 * each hold end (the hold and each extension). The looks within a hold, which promote or abort
 * early, share the rest O'Brien–Fleming-style over the ones planned, so the first of them spend
 * almost nothing and a clear breach is still caught within a few looks. A look's GO and NO_GO
 * levels come from its share; a union bound over all the looks keeps a phase's false GO, and
 * its false NO_GO, at most α. The phases share the NO_GO budget ({@link Judge#forPhases}).
 * Spending O'Brien–Fleming-style over every look instead left the end of a 5 % stage's hold
 * 0.017 % of α at 99 %, and an A/A rollout at 2,000 req/s completed one time in five
 * ({@code RolloutCalibration}). Stateless.
 */
public final class StageRule {

    /** What a look does to its phase. */
    public enum Action {
        /** Too early to spend any of the error budget: not judged. */
        NOT_JUDGED,
        /** Undecided, or shown to hold but kept for its full hold: the phase goes on. */
        KEEP,
        /** Every gate shown to hold: on to the next phase. */
        PROMOTE,
        /** Inconclusive at the end of its hold: the phase gets its hold once more. */
        EXTEND,
        /** A gate shown breached: the traffic goes back. */
        ABORT,
        /** Still inconclusive after its extensions: the shift stops rather than widen on thin evidence. */
        ABANDON
    }

    /**
     * @param action  what to do
     * @param verdict the judgement, or null when not judged
     * @param planned the looks the phase's error budget is spread over
     */
    public record Step(Action action, Verdict verdict, int planned) {
    }

    /** The share of a phase's error budget its hold-end looks get, equally. */
    public static final double HOLD_END_SHARE = 0.9;

    private final Gates gates;
    /** A split stage's gates: no pairs, so of the gates on responses only the contract's. */
    private final Gates splitGates;
    private final long seed;
    private final Rehearsal plan;
    private final int phases;

    public StageRule(Gates gates, long seed, Rehearsal plan, int phases) {
        this.gates = gates;
        Integer breaking = gates.responses().maxBreaking();
        this.splitGates = gates.withResponses(breaking == null ? ResponseGates.NONE
                : new ResponseGates(null, null, null, breaking));
        this.seed = seed;
        this.plan = plan;
        this.phases = phases;
    }

    /**
     * Look {@code look} (from 1) at {@code phase}, {@code elapsedMillis} into it, after
     * {@code extensions} extensions. {@code evidence} is asked for only when the look is judged.
     */
    public Step look(Phase phase, int look, long elapsedMillis, int extensions, Supplier<Evidence> evidence,
                     Supplier<ResponseFindings> findings) {
        int planned = planned(phase);
        // The look interval's last few milliseconds count: a look due at the hold's end may wake a little early.
        boolean holdEnds = elapsedMillis + 5 >= phase.hold().toMillis() * (1 + extensions);
        boolean last = holdEnds && extensions >= plan.extensions();
        Judge judge = holdEnds ? atHoldEnd(phase, extensions + 1) : withinHold(phase, look - extensions);
        if (judge == null) {
            return new Step(Action.NOT_JUDGED, null, planned);
        }
        Verdict verdict = judge.quick().judge(List.of(evidence.get()), List.of(), findings.get());
        Action action = switch (verdict.decision()) {
            case NO_GO -> Action.ABORT;
            case GO -> plan.promoteEarly() || holdEnds ? Action.PROMOTE : Action.KEEP;
            case INCONCLUSIVE -> last ? Action.ABANDON : holdEnds ? Action.EXTEND : Action.KEEP;
        };
        return new Step(action, verdict, planned);
    }

    /**
     * The judgement of a phase that ends with the traffic before its next hold end, on all of its
     * evidence: at the share that hold end would have had, which the looks so far did not spend.
     */
    public Verdict closing(Phase phase, int extensions, Evidence evidence, ResponseFindings findings) {
        return atHoldEnd(phase, Math.min(extensions, plan.extensions()) + 1)
                .judge(List.of(evidence), List.of(), findings);
    }

    /** Hold end {@code k} (1 for the hold, 2 for the first extension, ...): an equal part of the hold ends' share. */
    private Judge atHoldEnd(Phase phase, int k) {
        double alpha = 1 - gates.confidence();
        int ends = 1 + plan.extensions();
        double share = HOLD_END_SHARE * alpha / ends;
        return Judge.atLook(gatesOf(phase), seed, 1 - share, String.format(Locale.ROOT, "Hold end %d of %d of %s: "
                + "confidence %s, its share %s of the %s error budget (the hold ends share %s equally; the looks "
                + "within holds share the rest O'Brien-Fleming-style; a union bound over all looks keeps the total at "
                + "%s, so promoting or aborting early is anytime-valid)", k, ends, phase.label(), percent(1 - share),
                share(share), share(alpha), share(HOLD_END_SHARE * alpha), share(alpha))).forPhases(phases);
    }

    /**
     * The {@code i}-th look within a hold (not counting hold ends), of the
     * {@code (perHold - 1) x (1 + extensions)} planned: its O'Brien-Fleming-type share of what the
     * hold ends leave; null when that share is nothing (the first looks), so the look is not judged.
     */
    private Judge withinHold(Phase phase, int i) {
        double alpha = 1 - gates.confidence();
        double budget = (1 - HOLD_END_SHARE) * alpha;
        int planned = Math.max(1, (perHold(phase) - 1) * (1 + plan.extensions()));
        if (i < 1 || !Looks.judged(1 - budget, i, planned)) {
            return null;
        }
        double share = Looks.share(1 - budget, i, planned);
        return Judge.atLook(gatesOf(phase), seed, 1 - share, String.format(Locale.ROOT, "Look %d within the holds of "
                + "%s: confidence %s, its share %s of the %s error budget (the looks within holds share %s "
                + "O'Brien-Fleming-style over %d planned; the hold ends share the other %s; a union bound over all "
                + "looks keeps the total at %s, so promoting or aborting early is anytime-valid)", i, phase.label(),
                percent(1 - share), share(share), share(alpha), share(budget), planned, share(HOLD_END_SHARE * alpha),
                share(alpha))).forPhases(phases);
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.6g%%", 100 * level);
    }

    private static String share(double fraction) {
        return String.format(Locale.ROOT, "%.2g%%", 100 * fraction);
    }

    /** The shadow phase is judged on every gate; a split stage, having no pairs, on the contract of the response gates. */
    public Gates gatesOf(Phase phase) {
        return phase.shadow() ? gates : splitGates;
    }

    /** The looks a phase's budget is spread over: one a look over its hold and every extension. */
    public int planned(Phase phase) {
        return perHold(phase) * (1 + plan.extensions());
    }

    private int perHold(Phase phase) {
        return (int) Math.max(1, -Math.floorDiv(-phase.hold().toNanos(), plan.look().toNanos()));
    }
}
