package io.shadowgate.rehearsal;

import io.shadowgate.judge.Evidence;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounters;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import io.shadowgate.traffic.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * Every request a rollout routed, by phase, and how each ended: what a stage is judged on, and
 * the accounts that show no request was lost across stage changes (per phase, the outcomes
 * at each target add up to what was routed to it).
 *
 * <p>A look judges a <em>settled prefix</em>: the requests in routing order up to the oldest one
 * still in flight, all of whose outcomes are in. Judging whatever had answered by then would
 * favour the slower target (its slow answers would not be in yet) and leave out timeouts; a
 * settled prefix has neither bias and lags the schedule only by the slowest request in flight.
 *
 * <p>Thread-safe: {@link #routed} is called on the scheduler thread and only queues;
 * {@link #accept} (on the client event loops) and the rest (on the rollout's thread) take this
 * object's lock, held for a few map operations and histogram records.
 */
public final class StageLedger implements OutcomeSink {

    private final String baseline;
    private final String candidate;
    private final List<PhaseBook> books = new ArrayList<>();
    /** Routed by the scheduler, not yet in the books. */
    private final ConcurrentLinkedQueue<Routed> routedQueue = new ConcurrentLinkedQueue<>();
    /** Requests routed and not yet folded into their phase's book, in routing order. */
    private final LinkedHashMap<Long, Routed> open = new LinkedHashMap<>();
    private final long[] inFlight = new long[2];
    private long candidateLastEndNanos;
    private final List<OutcomeSink> shadowSinks;

    /**
     * @param phases      how many phases the rollout has
     * @param shadowSinks receive every outcome of the shadow phase (its response pairs), as it arrives
     */
    public StageLedger(String baseline, String candidate, int phases, long seed, List<OutcomeSink> shadowSinks) {
        this.baseline = baseline;
        this.candidate = candidate;
        for (int i = 0; i < phases; i++) {
            books.add(new PhaseBook(new PairedLatencyRecorder(baseline, candidate, PairedLatencyRecorder.DEFAULT_CAPACITY,
                    seed + i)));
        }
        this.shadowSinks = List.copyOf(shadowSinks);
    }

    /**
     * A request routed in {@code phase} to the targets in {@code targets} (bit 0 baseline, bit 1
     * candidate). Lock-free: the scheduler thread must never wait behind the event loops, or
     * requests leave late; the entry joins the books when the lock is next taken.
     */
    void routed(Request request, int phase, long targets, boolean sent) {
        routedQueue.add(new Routed(request.id(), phase, targets, sent));
    }

    /** Moves what the scheduler routed into the books, in routing order. Under the lock. */
    private void drainRouted() {
        for (Routed r = routedQueue.poll(); r != null; r = routedQueue.poll()) {
            PhaseBook book = books.get(r.phase);
            book.requests++;
            if ((r.targets & 1) != 0) {
                book.baseline.routed++;
                if (r.sent) {
                    inFlight[0]++;
                }
            }
            if ((r.targets & 2) != 0) {
                book.candidate.routed++;
                if (r.sent) {
                    inFlight[1]++;
                }
            }
            open.put(r.id, r);
        }
    }

    @Override
    public void accept(Outcome outcome) {
        int side = side(outcome.target());
        if (side < 0) {
            return;
        }
        boolean shadow;
        synchronized (this) {
            drainRouted();
            Routed r = open.get(outcome.requestId());
            if (r == null) {
                throw new IllegalStateException("outcome for request " + outcome.requestId() + " that was never routed");
            }
            if (outcome.wasSent()) {
                inFlight[side]--;
                if (side == 1) {
                    candidateLastEndNanos = Math.max(candidateLastEndNanos, outcome.endNanos());
                }
            }
            r.outcomes.add(outcome);
            r.remaining--;
            shadow = r.remaining > 0 || r.outcomes.size() == 2;
            foldSettled();
        }
        if (shadow) {
            for (OutcomeSink sink : shadowSinks) {
                sink.accept(outcome);
            }
        }
    }

    /** Folds, in routing order, every request whose outcomes are all in, up to the first that is not. */
    private void foldSettled() {
        Iterator<Routed> it = open.values().iterator();
        while (it.hasNext()) {
            Routed r = it.next();
            if (r.remaining > 0) {
                return;
            }
            PhaseBook book = books.get(r.phase);
            for (Outcome o : r.outcomes) {
                (side(o.target()) == 0 ? book.baseline : book.candidate).record(o);
                book.pairs.accept(o);
            }
            it.remove();
        }
    }

    private int side(String target) {
        return target.equals(baseline) ? 0 : target.equals(candidate) ? 1 : -1;
    }

    /** When the candidate's last request so far ended, from the schedule's start; 0 if none has. */
    public synchronized long candidateLastEndNanos() {
        drainRouted();
        return candidateLastEndNanos;
    }

    /** Requests sent to the candidate and not ended yet: 0 once a revert has drained it. */
    public synchronized long candidateInFlight() {
        drainRouted();
        return inFlight[1];
    }

    /**
     * The settled evidence of {@code phase} so far, for the judge: each side's latency and
     * outcomes, and the request pairs of a shadow phase (null for a split stage).
     */
    public synchronized Evidence evidence(Phase phase) {
        drainRouted();
        PhaseBook book = books.get(phase.index());
        Side reference = book.baseline;
        if (phase.weight() >= 1 && !phase.shadow()) {
            // The candidate has all of this stage's traffic: its reference is what the baseline
            // served in the phases before, the most recent traffic it carried.
            reference = new Side();
            for (int i = 0; i < phase.index(); i++) {
                reference.add(books.get(i).baseline);
            }
        }
        return new Evidence(phase.label(), reference.latency.copy(), book.candidate.latency.copy(),
                reference.settledCounts(), book.candidate.settledCounts(), phase.shadow() ? book.pairs.snapshot() : null);
    }

    /** Per phase: what was routed to each target and how it ended. Once every outcome is in, they add up. */
    public synchronized PhaseAccounts accounts(int phase) {
        drainRouted();
        PhaseBook book = books.get(phase);
        return new PhaseAccounts(book.requests, book.baseline.routedCounts(), book.candidate.routedCounts());
    }

    /** Requests routed but not yet settled into their phase (in flight, or behind one that is). */
    public synchronized int unsettled() {
        drainRouted();
        return open.size();
    }

    /**
     * What one phase routed to each target, and how it ended there.
     *
     * @param requests  requests of the schedule routed in the phase (a shadow phase sends each to both targets)
     * @param baseline  the baseline's outcomes; {@code scheduled} is what was routed to it
     * @param candidate the candidate's outcomes
     */
    public record PhaseAccounts(long requests, OutcomeCounts baseline, OutcomeCounts candidate) {

        public boolean addsUp() {
            return baseline.addsUp() && candidate.addsUp();
        }
    }

    /** A request on its way: which phase routed it where, and the outcomes still to come. Guarded by the ledger once drained. */
    private static final class Routed {
        final long id;
        final int phase;
        final long targets;
        final boolean sent;
        int remaining;
        final List<Outcome> outcomes = new ArrayList<>(2);

        Routed(long id, int phase, long targets, boolean sent) {
            this.id = id;
            this.phase = phase;
            this.targets = targets;
            this.sent = sent;
            this.remaining = Long.bitCount(targets & 3);
        }
    }

    /** One phase's settled outcomes. Guarded by the ledger. */
    private static final class PhaseBook {
        long requests;
        final Side baseline = new Side();
        final Side candidate = new Side();
        final PairedLatencyRecorder pairs;

        PhaseBook(PairedLatencyRecorder pairs) {
            this.pairs = pairs;
        }
    }

    private static final class Side {
        final Histogram latency = Histograms.newHistogram();
        final OutcomeCounters counters = new OutcomeCounters();
        long routed;
        long settled;

        void record(Outcome o) {
            counters.record(o);
            settled++;
            if (o.countsAsLatency()) {
                Histograms.record(latency, o.latencyNanos());
            }
        }

        /** Adds {@code other}'s settled outcomes to this one's. */
        void add(Side other) {
            latency.add(other.latency);
            counters.add(other.settledCounts());
            settled += other.settled;
        }

        /** Counts against what was routed, so a lost outcome shows as counts that do not add up. */
        OutcomeCounts routedCounts() {
            return counters.snapshot(routed);
        }

        /** The settled outcomes alone, for judging. */
        OutcomeCounts settledCounts() {
            return counters.snapshot(settled);
        }
    }
}
