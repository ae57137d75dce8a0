package io.shadowgate.rehearsal;

import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.replay.OutcomeSink;
import io.shadowgate.replay.TargetRouter;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.Rehearsal;
import io.shadowgate.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A staged rollout in split mode: routes every request by the current phase, judges the phase
 * on its own settled traffic every look, and promotes it (its gates shown to hold), extends it
 * (too thin to say, up to the scenario's limit) or aborts the shift (a gate shown breached, or
 * still inconclusive after its extensions). On abort the candidate's weight drops to 0 from
 * the next request on; the rollout then waits for the candidate's requests in flight to end
 * (the revert is complete), lets the baseline carry the traffic for {@code afterAbort}, and
 * stops the schedule. After the last phase is promoted it stops the schedule at once.
 *
 * <p>Looks inside a phase spend its error budget O'Brien–Fleming-style over the looks its
 * hold and extensions allow, so promoting or aborting early is anytime-valid; the last look
 * spends what the others left; see {@link StageRule}.
 *
 * <p>The looks run on the rollout's own thread; {@link #finish} once the replay has returned.
 */
public final class Rollout implements AutoCloseable {

    private final Gates gates;
    private final long seed;
    private final Rehearsal plan;
    private final List<Phase> phases;
    private final StageLedger ledger;
    private final WeightedRouter router;
    private final ScheduleCounter baselineScheduled = new ScheduleCounter();
    private final ScheduleCounter candidateScheduled = new ScheduleCounter();
    private final List<FaultWindow> faults;
    /** The shadow phase's response findings so far, by one-sided level; null when responses are not compared. */
    private final Function<Double, ResponseFindings> findingsSoFar;
    /** The contract learned so far from each side's own responses, for split stages; null when not checked. */
    private final Function<Double, ResponseFindings> contractSoFar;
    private final ScheduledExecutorService looks;
    private final StageRule rule;

    // Owned by the rollout thread until close(); finish() reads them after.
    private final List<TimelineEvent> timeline = new ArrayList<>();
    private final List<PhaseState> states = new ArrayList<>();
    private int current;
    private RolloutResult.Outcome ended;
    private long startNanos;
    private Runnable stopSchedule;
    private Long detectedMillis;
    /** Set by {@link #finish}, when every outcome is in. */
    private Long revertedMillis;

    /**
     * @param scenario      a split-mode scenario
     * @param faults        faults scheduled at the targets, for the timeline and time-to-detect
     * @param shadowSinks   receive every outcome of the shadow phase (for response comparison)
     * @param findingsSoFar what comparing the shadow phase's responses found so far, at a
     *                      one-sided level; null when responses are not compared
     * @param contractSoFar the contract changes learned so far from each side's own responses,
     *                      judged at split stages; null when the contract is not checked
     */
    public Rollout(Scenario scenario, List<FaultWindow> faults, List<OutcomeSink> shadowSinks,
                   Function<Double, ResponseFindings> findingsSoFar, Function<Double, ResponseFindings> contractSoFar) {
        this.gates = scenario.gates();
        this.seed = scenario.seed();
        this.plan = scenario.rehearsal();
        this.phases = Phase.of(plan);
        this.rule = new StageRule(gates, seed, plan, phases.size());
        this.faults = List.copyOf(faults);
        this.findingsSoFar = findingsSoFar;
        this.contractSoFar = contractSoFar;
        // One book per phase, and one for what is routed after the rollout ends.
        this.ledger = new StageLedger(Scenario.BASELINE, Scenario.CANDIDATE, phases.size() + 1, seed, shadowSinks);
        this.router = new WeightedRouter(seed, ledger, baselineScheduled, candidateScheduled, routeOf(phases.get(0)));
        for (Phase phase : phases) {
            states.add(new PhaseState(phase));
        }
        this.looks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shadowgate-rollout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Routes each request by the current phase; give it to the replayer. */
    public TargetRouter router() {
        return router;
    }

    /** Receives every outcome; give it to the replayer's sink. */
    public OutcomeSink ledger() {
        return ledger;
    }

    /** What each target was scheduled (routed), for the per-target accounts. */
    public Map<String, ScheduleCounter> scheduledByRole() {
        return Map.of(Scenario.BASELINE, baselineScheduled, Scenario.CANDIDATE, candidateScheduled);
    }

    /** The phases in order. */
    public List<Phase> phases() {
        return phases;
    }

    /**
     * Starts the looks. Call from the replayer's start callback.
     *
     * @param scheduleStartNanos the instant request offsets count from ({@link System#nanoTime()})
     * @param stop               stops the schedule (once the rollout has ended)
     */
    public void start(long scheduleStartNanos, Runnable stop) {
        this.startNanos = scheduleStartNanos;
        this.stopSchedule = stop;
        for (FaultWindow f : faults) {
            timeline.add(new TimelineEvent(f.atMillis(), TimelineEvent.Kind.FAULT_STARTED, f.target(),
                    f.kind() + ": " + f.detail()));
            timeline.add(new TimelineEvent(f.endMillis(), TimelineEvent.Kind.FAULT_ENDED, f.target(), f.kind()));
        }
        states.get(0).begin(0);
        event(0, TimelineEvent.Kind.STAGE_STARTED, phases.get(0), describe(phases.get(0)));
        long lookNanos = plan.look().toNanos();
        long firstDelay = Math.max(0, scheduleStartNanos + lookNanos - System.nanoTime());
        // With a fixed delay, a slow look (an exact test on many requests) postpones the next
        // instead of bunching looks up; the holds are kept by the clock, not by counting looks.
        looks.scheduleWithFixedDelay(this::lookSafely, firstDelay, lookNanos, TimeUnit.NANOSECONDS);
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // A look that fails must not end the looks silently: stop the shift where it is.
            abort(nowMillis(), phases.get(current), List.of("the look failed: " + e), Decision.INCONCLUSIVE);
            throw e;
        }
    }

    /** One look at the current phase; on the rollout thread. */
    private void look() {
        if (ended != null) {
            return;
        }
        long now = nowMillis();
        Phase phase = phases.get(current);
        PhaseState state = states.get(current);
        state.looks++;
        StageRule.Step step = rule.look(phase, state.looks, now - state.startMillis, state.extensions,
                () -> ledger.evidence(phase), () -> findings(phase));
        String which = "look " + state.looks + " of " + step.planned();
        if (step.verdict() == null) {
            event(now, TimelineEvent.Kind.LOOK, phase, which + " planned spends none of the error budget this early; "
                    + "not judged");
            return;
        }
        Verdict verdict = step.verdict();
        state.judged(verdict);
        // Decisions take effect when judging ends, and judging can take a while (exact tests on
        // many requests): the timeline and time-to-detect count it.
        now = nowMillis();
        switch (step.action()) {
            case ABORT -> abort(now, phase, verdict.reasons(), Decision.NO_GO);
            case PROMOTE -> promote(now, phase);
            case ABANDON -> {
                List<String> reasons = new ArrayList<>();
                reasons.add(phase.label() + " was still inconclusive after " + state.extensions
                        + " extension(s); the shift is abandoned rather than widened on thin evidence");
                reasons.addAll(verdict.reasons());
                abort(now, phase, reasons, Decision.INCONCLUSIVE);
            }
            case EXTEND -> {
                state.extensions++;
                event(now, TimelineEvent.Kind.EXTENDED, phase, "inconclusive at the end of its hold; extended by "
                        + millis(phase.hold().toMillis()) + " (" + state.extensions + " of " + plan.extensions()
                        + "): " + first(verdict.reasons()));
            }
            default -> event(now, TimelineEvent.Kind.LOOK, phase, which + ": " + (verdict.decision() == Decision.GO
                    ? "every gate holds; kept for its full hold (promoteEarly: false)"
                    : "inconclusive: " + first(verdict.reasons())));
        }
    }

    private ResponseFindings findings(Phase phase) {
        Function<Double, ResponseFindings> source = phase.shadow() ? findingsSoFar : contractSoFar;
        return source == null ? null : source.apply(1 - gates.confidence());
    }

    private void promote(long now, Phase phase) {
        PhaseState state = states.get(phase.index());
        state.end(now, StageOutcome.PROMOTED);
        event(now, TimelineEvent.Kind.PROMOTED, phase, "every gate shown to hold after " + state.looks + " look(s)"
                + (state.extensions > 0 ? " and " + state.extensions + " extension(s)" : ""));
        if (phase.index() + 1 == phases.size()) {
            ended = RolloutResult.Outcome.COMPLETED;
            router.moveTo(new WeightedRouter.Route(phases.size(), false, phase.weight()));
            event(now, TimelineEvent.Kind.COMPLETED, phase, "the candidate carries " + phase.name()
                    + " of the traffic; the rehearsal ends");
            stopSchedule.run();
            return;
        }
        current = phase.index() + 1;
        Phase next = phases.get(current);
        states.get(current).begin(now);
        router.moveTo(routeOf(next));
        event(now, TimelineEvent.Kind.STAGE_STARTED, next, describe(next));
    }

    private void abort(long now, Phase phase, List<String> reasons, Decision decision) {
        if (ended != null) {
            return;
        }
        // First the traffic goes back; everything else is bookkeeping.
        router.moveTo(new WeightedRouter.Route(phases.size(), false, 0));
        ended = RolloutResult.Outcome.ABORTED;
        detectedMillis = now;
        PhaseState state = states.get(phase.index());
        state.abortedAs(decision, reasons);
        state.end(now, StageOutcome.ABORTED);
        event(now, TimelineEvent.Kind.ABORTED, phase, (decision == Decision.NO_GO ? "a gate was shown breached: "
                : "abandoned: ") + first(reasons) + "; the candidate's weight is 0 from the next request on");
        if (!looks.isShutdown()) {
            // The baseline carries the traffic for a while, so the report shows the revert held.
            looks.schedule(stopSchedule, plan.afterAbort().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops the looks and returns what happened, once the replay has returned (every outcome is
     * in). A phase still undecided is judged one last time on all of its traffic; unless that
     * ends the rollout, it is incomplete.
     *
     * @param interrupted whether the run was stopped from outside (Ctrl-C)
     * @param unread      requests the stopped schedule never read
     */
    public RolloutResult finish(boolean interrupted, long unread) {
        close();
        long now = nowMillis();
        if (ended == null) {
            Phase phase = phases.get(current);
            PhaseState state = states.get(current);
            Verdict verdict = interrupted ? null
                    : rule.closing(phase, state.extensions, ledger.evidence(phase), findings(phase));
            if (verdict != null) {
                state.looks++;
                state.judged(verdict);
            }
            event(now, TimelineEvent.Kind.TRAFFIC_ENDED, phase, interrupted ? "the run was interrupted"
                    : "the traffic ended");
            if (verdict != null && verdict.decision() == Decision.NO_GO) {
                abort(now, phase, verdict.reasons(), Decision.NO_GO);
            } else if (verdict != null && verdict.decision() == Decision.GO && current + 1 == phases.size()) {
                state.end(now, StageOutcome.PROMOTED);
                ended = RolloutResult.Outcome.COMPLETED;
                event(now, TimelineEvent.Kind.COMPLETED, phase, "every gate shown to hold on all of its traffic");
            } else {
                state.end(now, StageOutcome.INCOMPLETE);
                ended = RolloutResult.Outcome.INCOMPLETE;
            }
        }
        if (ended == RolloutResult.Outcome.ABORTED) {
            // Every outcome is in: the revert completed when the candidate's last request ended.
            revertedMillis = Math.max(detectedMillis, ledger.candidateLastEndNanos() / 1_000_000);
            timeline.add(new TimelineEvent(revertedMillis, TimelineEvent.Kind.REVERTED, Scenario.CANDIDATE,
                    "the candidate's last request ended " + millis(revertedMillis - detectedMillis)
                            + " after the abort; the baseline carries all traffic"));
        }
        return result(unread);
    }

    private RolloutResult result(long unread) {
        List<StageResult> stages = new ArrayList<>();
        for (PhaseState state : states) {
            stages.add(state.result(ledger.accounts(state.phase.index())));
        }
        Long onset = null;
        String onsetText = null;
        if (ended == RolloutResult.Outcome.ABORTED) {
            PhaseState aborted = states.stream().filter(s -> s.outcome == StageOutcome.ABORTED).findFirst().orElseThrow();
            FaultWindow fault = faults.stream()
                    .filter(f -> f.target().equals(Scenario.CANDIDATE) && f.atMillis() <= detectedMillis)
                    .min((a, b) -> Long.compare(a.atMillis(), b.atMillis())).orElse(null);
            // A fault that began before the aborted phase still first reached users in that phase.
            if (fault != null && fault.endMillis() > aborted.startMillis) {
                onset = Math.max(fault.atMillis(), aborted.startMillis);
                onsetText = "the " + fault.kind() + " fault at the candidate"
                        + (fault.atMillis() < aborted.startMillis ? ", as reached by " + aborted.phase.label() : "");
            } else {
                onset = aborted.startMillis;
                onsetText = "the start of " + aborted.phase.label() + " (no scheduled fault known)";
            }
        }
        List<TimelineEvent> events = new ArrayList<>(timeline);
        events.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        StageLedger.PhaseAccounts after = ledger.accounts(phases.size());
        return new RolloutResult(ended, List.copyOf(stages), List.copyOf(events), onset, onsetText, detectedMillis,
                revertedMillis, onset == null ? null : detectedMillis - onset,
                revertedMillis == null || detectedMillis == null ? null : revertedMillis - detectedMillis,
                after.requests(), unread);
    }

    private static WeightedRouter.Route routeOf(Phase phase) {
        return new WeightedRouter.Route(phase.index(), phase.shadow(), phase.weight());
    }

    private String describe(Phase phase) {
        return phase.shadow() ? "every request to both targets, responses compared, for up to "
                + millis(phase.hold().toMillis())
                : "the candidate gets " + phase.name() + " of the requests, for up to " + millis(phase.hold().toMillis())
                        + (phase.weight() >= 1 ? "; judged against what the baseline served in the phases before" : "");
    }

    private void event(long at, TimelineEvent.Kind kind, Phase phase, String detail) {
        timeline.add(new TimelineEvent(at, kind, phase.label(), detail));
    }

    private long nowMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String first(List<String> reasons) {
        return reasons.isEmpty() ? "" : reasons.get(0);
    }

    static String millis(long ms) {
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        looks.shutdownNow();
        try {
            looks.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One phase's progress. Owned by the rollout thread. */
    private static final class PhaseState {
        final Phase phase;
        long startMillis = -1;
        long endMillis = -1;
        StageOutcome outcome = StageOutcome.NOT_REACHED;
        int looks;
        int extensions;
        Verdict last;

        PhaseState(Phase phase) {
            this.phase = phase;
        }

        void begin(long now) {
            startMillis = now;
            outcome = StageOutcome.INCOMPLETE;
        }

        void end(long now, StageOutcome how) {
            endMillis = now;
            outcome = how;
        }

        void judged(Verdict verdict) {
            last = verdict;
        }

        /** An abort that no NO_GO gate decided (a failed look, thin evidence) keeps its own reasons. */
        void abortedAs(Decision decision, List<String> reasons) {
            if (last == null || last.decision() != decision) {
                last = new Verdict(decision, last == null ? List.of() : last.gates(), List.copyOf(reasons));
            } else if (decision == Decision.INCONCLUSIVE) {
                last = new Verdict(decision, last.gates(), List.copyOf(reasons));
            }
        }

        StageResult result(StageLedger.PhaseAccounts accounts) {
            return new StageResult(phase.index(), phase.stage(), phase.name(), phase.shadow(), phase.weight(),
                    phase.hold().toMillis(), startMillis, endMillis, outcome, extensions, looks,
                    last == null ? null : last.decision(), last == null ? List.of() : last.gates(),
                    last == null ? List.of() : last.reasons(), accounts.requests(), accounts.baseline(),
                    accounts.candidate());
        }
    }
}
