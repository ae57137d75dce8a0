package io.shadowgate.judge;

import io.shadowgate.judge.SchedulePace.Behind;
import io.shadowgate.metrics.TargetSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a replay kept its schedule and, when it did not, which of the three things
 * that hold a replay back did: the replayer's own event loop, the connection limit against a
 * slow target, or neither over the run as a whole (the machine, or bursts). Stateless.
 */
public final class PaceCheck {

    /**
     * The schedule counts as kept while 99 % of the requests go out within this of their instant
     * (90 % or half in small runs: {@link #judgedPercentile}). Ten times issue #8's fidelity bound
     * (1 ms, met on two cores at 20,000 paired requests a second), so the ordinary jitter of a
     * shared CI machine does not trip it, and small beside the latencies of the services
     * Shadowgate compares.
     */
    public static final double KEPT_MILLIS = 10;
    /**
     * A loop busier than this over the replay, while the rate fell short, could not have sent
     * faster (bench/README.md: about 0.95 at saturation).
     */
    public static final double BUSY_LOOP = 0.9;
    /** Sending below this share of the planned rate, over a span of a second or more, is falling behind for good. */
    public static final double SHORT_OF_RATE = 0.98;
    /** More than this share of a target's requests waiting for a connection makes the limit a possible cause. */
    public static final double WAITED_SHARE = 0.01;
    /** And only if, by Little's law, the target needed at least this share of the limit in flight on average. */
    static final double LIMIT_SHARE_NEEDED = 0.5;

    private PaceCheck() {
    }

    /**
     * @param records         the traffic's requests
     * @param spanSeconds     the traffic's span, first to last intended instant
     * @param dispatched      requests handed to the targets
     * @param lastSentSeconds when the last request was sent, from the schedule's start; 0 or less if none was
     * @param loopBusy        the busiest client event loop's CPU time over the replay's wall time, or -1
     * @param sent            per target role, requests sent to it
     * @param waited          per target role, requests that found all its connections busy and waited
     * @param targets         what was measured at each target (lateness, service time)
     * @param maxPerTarget    the connection limit per target
     */
    public static SchedulePace of(long records, double spanSeconds, long dispatched, double lastSentSeconds,
                                  double loopBusy, Map<String, Long> sent, Map<String, Long> waited,
                                  List<TargetSummary> targets, int maxPerTarget) {
        double planned = spanSeconds > 0 ? records / spanSeconds : 0;
        double sentRate = lastSentSeconds > 0 ? dispatched / lastSentSeconds : 0;
        TargetSummary latest = null;
        double late = 0;
        for (TargetSummary t : targets) {
            double value = lateness(t);
            if (!Double.isNaN(value) && (latest == null || value > late)) {
                latest = t;
                late = value;
            }
        }
        double percentile = latest == null ? 0 : judgedPercentile(latest.lateness().count());
        if (latest == null || late <= KEPT_MILLIS) {
            return new SchedulePace(planned, sentRate, percentile, late, loopBusy, Map.copyOf(waited), Map.copyOf(sent),
                    Behind.NOTHING, null);
        }
        String how = "the replay fell behind its schedule: " + share(percentile) + " went out more than "
                + Format.millis(late) + " after its instant (lateness " + Format.percentileName(percentile) + " at "
                + latest.target() + ")";
        if (planned > 0 && sentRate > 0) {
            how += ", and " + Format.rate(sentRate) + " were sent against " + Format.rate(planned) + " planned";
        }
        List<String> waiting = waitingTargets(targets, waited, sent, maxPerTarget, spanSeconds);
        // A loop's CPU alone does not say it was the limit: at a fixed rate it sleeps and wakes
        // for every send and answer, which on a VM costs most of a core at 20,000 paired
        // requests/s while every request still goes out on time (bench/README.md). Only a loop
        // that was busy and still sent less than the traffic asked could not keep up.
        boolean shortOfRate = planned > 0 && spanSeconds >= 1 && sentRate < SHORT_OF_RATE * planned;
        Behind behind;
        String cause;
        if (loopBusy >= BUSY_LOOP && shortOfRate) {
            behind = Behind.REPLAYER;
            cause = "The client event loop was busy " + Format.percent(loopBusy) + " of the replay, so the replayer "
                    + "itself could not send faster: split the traffic over more processes or machines (run --shard "
                    + "I/N, then shadowgate merge), or lower the rate.";
        } else if (!waiting.isEmpty()) {
            behind = Behind.CONNECTIONS;
            cause = String.join(" ", waiting) + " Raise connections.maxPerTarget.";
        } else if (shortOfRate) {
            behind = Behind.MACHINE;
            cause = "Neither the event loop" + (loopBusy >= 0 ? " (busy " + Format.percent(loopBusy) + ")" : "")
                    + " nor the connections were the limit: the replayer was short of CPU (other processes on the "
                    + "machine, or garbage collection).";
        } else {
            behind = Behind.MACHINE;
            cause = "The rate was kept over the replay as a whole, so the late requests came in bursts: pauses of the "
                    + "replayer's JVM (garbage collection), other processes taking the cores, traffic bunched "
                    + "closer than the replayer could send it, or a target that stalled and held its connections.";
        }
        String finding = how + ". " + cause + " Latency still counts from each request's intended instant, but the "
                + "targets were offered less load, or later, than the traffic asks.";
        return new SchedulePace(planned, sentRate, percentile, late, loopBusy, Map.copyOf(waited), Map.copyOf(sent),
                behind, finding);
    }

    /**
     * The lateness percentile judged at a target that was sent {@code count} requests: p99 from
     * 1,000 on, p90 from 100, p50 below; 0 when nothing was sent. A p99 over a few hundred
     * requests is their two or three latest, and a run's first requests or a shard's start among
     * others on the same cores make those late alone: at least ten requests, or half of them,
     * must be late before the run says it fell behind.
     */
    static double judgedPercentile(long count) {
        return count >= 1_000 ? 99 : count >= 100 ? 90 : count > 0 ? 50 : 0;
    }

    /** A target's lateness at its judged percentile, in ms; NaN when nothing was sent to it. */
    private static double lateness(TargetSummary t) {
        double p = judgedPercentile(t.lateness() == null ? 0 : t.lateness().count());
        return p == 0 ? Double.NaN : t.lateness().at(p);
    }

    private static String connections(long n) {
        return n == 1 ? "1 connection" : n + " connections";
    }

    private static String share(double percentile) {
        return percentile == 99 ? "1 request in 100" : percentile == 90 ? "1 request in 10" : "half the requests";
    }

    /**
     * A sentence for each target the connection limit held back: more than {@link #WAITED_SHARE}
     * of its requests waited for a connection, its own requests were late, and by Little's law
     * (requests in flight = rate x time each holds its connection) it needed at least half the
     * limit on average. Waits at a target that needed far fewer came in bursts (a pause, a stall),
     * and raising the limit is not the answer to those.
     */
    private static List<String> waitingTargets(List<TargetSummary> targets, Map<String, Long> waited,
                                               Map<String, Long> sent, int maxPerTarget, double spanSeconds) {
        List<String> out = new ArrayList<>();
        for (TargetSummary t : targets) {
            long w = waited.getOrDefault(t.target(), 0L);
            long s = sent.getOrDefault(t.target(), 0L);
            if (s == 0 || w <= WAITED_SHARE * s || !(lateness(t) > KEPT_MILLIS) || spanSeconds <= 0
                    || t.service() == null || t.service().count() == 0) {
                continue;
            }
            double rate = s / spanSeconds;
            double needed = rate * t.service().meanMillis() / 1e3;
            if (needed < LIMIT_SHARE_NEEDED * maxPerTarget) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "At %s, %d of %d requests (%s) found all %d of its connections busy and "
                    + "waited for one; at %s and a mean service time of %s it needs about %s.", t.target(), w, s,
                    Format.percent((double) w / s), maxPerTarget, Format.rate(rate),
                    Format.millis(t.service().meanMillis()), connections((long) Math.ceil(needed))));
        }
        return out;
    }
}
