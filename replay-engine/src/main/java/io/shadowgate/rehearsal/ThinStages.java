package io.shadowgate.rehearsal;

import io.shadowgate.judge.Judge;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.Rehearsal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stages too thin for their gates, found before the run: a stage whose thinner side can get
 * fewer responses over its hold and extensions than the gates need to decide anything can
 * only be abandoned as inconclusive, however good the candidate. Saying so up front spares a
 * rehearsal that cannot succeed ({@code RolloutCalibration} shows a 5 % first stage at 2,000
 * req/s abandoned two times in three). Stateless.
 */
public final class ThinStages {

    private ThinStages() {
    }

    /**
     * One line per stage that is too thin, naming it, what it gets and what it needs.
     *
     * @param ratePerSecond the traffic's mean rate
     */
    public static List<String> warnings(Rehearsal plan, Gates gates, double ratePerSecond) {
        long needed = needed(gates);
        List<String> out = new ArrayList<>();
        for (Phase phase : Phase.of(plan)) {
            if (phase.shadow()) {
                continue;
            }
            double seconds = phase.hold().toNanos() / 1e9 * (1 + plan.extensions());
            // A 100% stage is judged against the baseline's earlier traffic: only the candidate's side thins out.
            double thinner = phase.weight() >= 1 ? phase.weight() : Math.min(phase.weight(), 1 - phase.weight());
            double expected = ratePerSecond * thinner * seconds;
            if (expected < needed) {
                out.add(String.format(Locale.ROOT, "%s gets about %.0f requests on its thinner side over its hold and "
                                + "%d extension(s) at %.0f req/s, and its gates need at least %d to decide: it can only end "
                                + "inconclusive; raise its weight or hold, or the rate", phase.label(), expected,
                        plan.extensions(), ratePerSecond, needed));
            }
        }
        return out;
    }

    /** The fewest responses a side needs: minSamples, and enough beyond the highest percentile gated. */
    static long needed(Gates gates) {
        long needed = gates.minSamples();
        for (double percentile : gates.latency().keySet()) {
            needed = Math.max(needed, (long) Math.ceil(Judge.MIN_TAIL_SAMPLES / (1 - percentile / 100)));
        }
        return needed;
    }
}
