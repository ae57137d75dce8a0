package io.shadowgate.rehearsal;

import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.replay.TargetRouter;
import io.shadowgate.traffic.Request;

/**
 * Split mode's router: in a split stage each request goes to the candidate with the stage's
 * weight and to the baseline otherwise; in the shadow phase to both; after an abort to the
 * baseline only. The choice is a seeded hash of the request id, not a random draw, so it is
 * the same on every run, and monotone in the weight: a request the candidate served at 5 %
 * it also serves at 25 %, as users stay on the candidate while a real rollout widens.
 *
 * <p>{@link #route} runs on the scheduler thread; {@link #moveTo} on the rollout's. The current
 * phase is one volatile read per request, so a revert takes effect from the next request on.
 */
final class WeightedRouter implements TargetRouter {

    static final long BASELINE = 1;
    static final long CANDIDATE = 2;
    static final long BOTH = BASELINE | CANDIDATE;

    private final long seed;
    private final StageLedger ledger;
    private final ScheduleCounter baselineScheduled;
    private final ScheduleCounter candidateScheduled;
    /** The phase requests are routed in now; {@link #REVERTED} once the shift is abandoned. */
    private volatile Route route;

    /** What the router does now: the phase it books requests to, and how it splits them. */
    record Route(int phase, boolean shadow, double weight) {
    }

    WeightedRouter(long seed, StageLedger ledger, ScheduleCounter baselineScheduled,
                   ScheduleCounter candidateScheduled, Route first) {
        this.seed = seed;
        this.ledger = ledger;
        this.baselineScheduled = baselineScheduled;
        this.candidateScheduled = candidateScheduled;
        this.route = first;
    }

    void moveTo(Route next) {
        this.route = next;
    }

    Route current() {
        return route;
    }

    @Override
    public long route(Request request, boolean sent) {
        Route now = route;
        long targets = now.shadow() ? BOTH : share(request.id()) < now.weight() ? CANDIDATE : BASELINE;
        if ((targets & BASELINE) != 0) {
            baselineScheduled.add(request.endpoint(), 1);
        }
        if ((targets & CANDIDATE) != 0) {
            candidateScheduled.add(request.endpoint(), 1);
        }
        ledger.routed(request, now.phase(), targets, sent);
        return targets;
    }

    /** Where request {@code id} falls in [0, 1): SplitMix64 of the seeded id, top 53 bits. */
    double share(long id) {
        long z = seed * 0x9E3779B97F4A7C15L + id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
