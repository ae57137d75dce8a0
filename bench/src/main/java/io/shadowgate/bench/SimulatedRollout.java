package io.shadowgate.bench;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.GateResult;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.rehearsal.Phase;
import io.shadowgate.rehearsal.StageRule;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.Rehearsal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * One staged rollout, simulated without a clock or a network: the traffic of each look
 * interval is drawn (requests/s × look, each routed to the candidate with the phase's weight,
 * a log-normal latency, an error with the target's probability), added to the phase's books,
 * and the engine's own {@link StageRule} decides each look exactly as {@code Rollout.look}
 * asks it to; this class applies the same transitions (promote: the next phase starts;
 * extend; abort or abandon: the end) and, when the traffic runs out first, the closing
 * judgement of {@code Rollout.finish}.
 *
 * <p>What differs from a real rollout, on purpose: look j of a phase happens exactly j looks
 * into it (no clock, no slow looks), and every request routed before a look is settled at it
 * (a real look judges the settled prefix, which lags by the requests in flight: a few ms of
 * traffic at these latencies). No responses are simulated, so there are no findings for
 * response or contract gates. The evidence is built as {@code StageLedger.evidence} builds
 * it: a split stage compares its baseline share with its candidate share; a 100 % stage
 * compares its candidate with the baseline's traffic of every phase before it, pooled.
 *
 * <p>One instance per run, used by one thread.
 */
final class SimulatedRollout {

    private final RolloutCell cell;
    private final Rehearsal plan;
    private final List<Phase> phases;
    private final StageRule rule;
    private final SplittableRandom random;
    private final Book[] books;
    /** The baseline of the phases before a 100 % stage, pooled once it is entered (they no longer change). */
    private Side pooled;
    private long routed;
    /** Looks taken in each phase so far. */
    private final int[] looksIn;

    /**
     * @param judgeSeed what {@code Rollout} passes as the scenario's seed (the judge's bootstrap; unused unpaired)
     * @param random    the run's traffic: the only source of randomness
     */
    SimulatedRollout(RolloutCell cell, Gates gates, long judgeSeed, SplittableRandom random) {
        this.cell = cell;
        this.plan = cell.plan();
        this.phases = Phase.of(plan);
        this.rule = new StageRule(gates, judgeSeed, plan, phases.size());
        this.random = random;
        this.books = new Book[phases.size()];
        this.looksIn = new int[phases.size()];
        for (int i = 0; i < books.length; i++) {
            books[i] = new Book();
        }
    }

    /** Runs the rollout to its end. */
    RolloutRun run() {
        long lookMillis = plan.look().toMillis();
        int current = 0;
        long phaseStart = 0;
        int looks = 0;
        int extensions = 0;
        int allLooks = 0;
        long now = 0;
        while (now + lookMillis <= cell.trafficMillis()) {
            Phase phase = phases.get(current);
            route(phase, now + lookMillis);
            now += lookMillis;
            looks++;
            allLooks++;
            looksIn[current] = looks;
            StageRule.Step step = rule.look(phase, looks, now - phaseStart, extensions, () -> evidence(phase),
                    () -> null);
            switch (step.action()) {
                case NOT_JUDGED, KEEP -> {
                }
                case EXTEND -> extensions++;
                case ABORT -> {
                    return end(Decision.NO_GO, RolloutRun.Ending.ABORTED, current, allLooks, step.verdict());
                }
                case ABANDON -> {
                    return end(Decision.INCONCLUSIVE, RolloutRun.Ending.ABANDONED, current, allLooks, step.verdict());
                }
                case PROMOTE -> {
                    if (current + 1 == phases.size()) {
                        return end(Decision.GO, RolloutRun.Ending.COMPLETED, current, allLooks, step.verdict());
                    }
                    current++;
                    phaseStart = now;
                    looks = 0;
                    extensions = 0;
                }
            }
        }
        // The traffic ended undecided: what came after the last look settles, then the closing judgement
        Phase phase = phases.get(current);
        route(phase, cell.trafficMillis());
        Verdict closing = rule.closing(phase, extensions, evidence(phase), null);
        if (closing.decision() == Decision.NO_GO) {
            return end(Decision.NO_GO, RolloutRun.Ending.ABORTED, current, allLooks, closing);
        }
        if (closing.decision() == Decision.GO && current + 1 == phases.size()) {
            return end(Decision.GO, RolloutRun.Ending.COMPLETED, current, allLooks, closing);
        }
        return end(Decision.INCONCLUSIVE, RolloutRun.Ending.RAN_OUT, current, allLooks, closing);
    }

    /** Routes by {@code phase} the requests due by {@code toMillis} not yet routed: rate × time, evenly paced. */
    private void route(Phase phase, long toMillis) {
        long until = cell.rate() * toMillis / 1_000;
        Book book = books[phase.index()];
        double scale = cell.candidateScale();
        double candidateErrors = cell.candidateErrorRate();
        for (; routed < until; routed++) {
            // Three draws per request whatever the outcome, so the cells of one family stay aligned.
            boolean toCandidate = random.nextDouble() < phase.weight();
            double z = random.nextGaussian();
            double u = random.nextDouble();
            double millis = RolloutOptions.MEDIAN_MS * Math.exp(RolloutOptions.SIGMA * z);
            if (toCandidate) {
                book.candidate.record(scale * millis, u < candidateErrors);
            } else {
                book.baseline.record(millis, u < RolloutOptions.BASELINE_ERROR_RATE);
            }
        }
    }

    /** As {@code StageLedger.evidence}: the phase's two sides, or a 100 % stage against the baseline before it. */
    private Evidence evidence(Phase phase) {
        Book book = books[phase.index()];
        Side reference = book.baseline;
        if (phase.weight() >= 1 && !phase.shadow()) {
            if (pooled == null) {
                pooled = new Side();
                for (int i = 0; i < phase.index(); i++) {
                    pooled.add(books[i].baseline);
                }
            }
            reference = pooled;
        }
        // The judge only reads the histograms, so they are not copied (the ledger copies them for its lock's sake).
        return new Evidence(phase.label(), reference.latency, book.candidate.latency, reference.counts(),
                book.candidate.counts());
    }

    private RolloutRun end(Decision decision, RolloutRun.Ending ending, int phase, int allLooks, Verdict verdict) {
        long candidate = 0;
        for (Book book : books) {
            candidate += book.candidate.requests;
        }
        // NO_GO: the gates shown breached; INCONCLUSIVE: those still undecided; GO: none.
        Decision blocking = decision == Decision.GO ? null : decision;
        List<String> gates = verdict.gates().stream().filter(g -> g.decision() == blocking).map(GateResult::gate)
                .toList();
        List<Integer> looksByPhase = Arrays.stream(looksIn, 0, phase + 1).boxed().toList();
        return new RolloutRun(decision, ending, phase, allLooks, looksByPhase, candidate, routed, gates);
    }

    /** One phase's traffic at each target. */
    private static final class Book {
        final Side baseline = new Side();
        final Side candidate = new Side();
    }

    /** One target's settled outcomes in a phase: every request a response, a 5xx when it failed. */
    private static final class Side {
        final Histogram latency = Histograms.newHistogram();
        long requests;
        long errors;

        void record(double millis, boolean error) {
            Histograms.record(latency, Math.round(millis * 1_000_000));
            requests++;
            if (error) {
                errors++;
            }
        }

        void add(Side other) {
            latency.add(other.latency);
            requests += other.requests;
            errors += other.errors;
        }

        /** As the ledger's settled counts: responses, 2xx or 5xx. */
        OutcomeCounts counts() {
            return new OutcomeCounts(requests, requests - errors, 0, 0, errors, 0, 0, 0);
        }
    }
}
