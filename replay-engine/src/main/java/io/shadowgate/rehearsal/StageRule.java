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
import java.util.function.Supplier;

/**
 * What one look at a phase of a rollout decides, given how far into the phase it is and the
 * phase's settled evidence: the rule alone, with no clock and no traffic, so that the rollout
 * and the calibration harness decide exactly alike.
 *
 * <p>Look j of a phase is judged at its share of the error budget, spent O'Brien–Fleming-style
 * over the looks its hold and extensions allow ({@link Judge#atInterimLook}); the look that
 * ends the last extension spends what the others left ({@link Judge#afterLooks}). The phases
 * share the NO_GO budget ({@link Judge#forPhases}). Stateless.
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
        if (!last && !Looks.judged(gates.confidence(), look, planned)) {
            return new Step(Action.NOT_JUDGED, null, planned);
        }
        Gates g = gatesOf(phase);
        Judge judge = (last ? Judge.afterLooks(g, seed, look - 1, planned)
                : Judge.atInterimLook(g, seed, look, planned)).forPhases(phases).quick();
        Verdict verdict = judge.judge(List.of(evidence.get()), List.of(), findings.get());
        Action action = switch (verdict.decision()) {
            case NO_GO -> Action.ABORT;
            case GO -> plan.promoteEarly() || holdEnds ? Action.PROMOTE : Action.KEEP;
            case INCONCLUSIVE -> last ? Action.ABANDON : holdEnds ? Action.EXTEND : Action.KEEP;
        };
        return new Step(action, verdict, planned);
    }

    /**
     * The judgement of a phase that ends with the traffic, after {@code looks} undecided looks,
     * on all of its evidence, at what the looks left of its budget.
     */
    public Verdict closing(Phase phase, int looks, Evidence evidence, ResponseFindings findings) {
        return Judge.afterLooks(gatesOf(phase), seed, looks, planned(phase)).forPhases(phases)
                .judge(List.of(evidence), List.of(), findings);
    }

    /** The shadow phase is judged on every gate; a split stage, having no pairs, on the contract of the response gates. */
    public Gates gatesOf(Phase phase) {
        return phase.shadow() ? gates : splitGates;
    }

    /** The looks a phase's budget is spread over: its hold, and every extension, at one look each. */
    public int planned(Phase phase) {
        int perHold = (int) Math.max(1, -Math.floorDiv(-phase.hold().toNanos(), plan.look().toNanos()));
        return perHold * (1 + plan.extensions());
    }
}
