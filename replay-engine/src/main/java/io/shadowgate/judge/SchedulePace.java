package io.shadowgate.judge;

import java.util.Map;

/**
 * Whether a run sent its requests when the traffic said to, and if it fell behind, what held it
 * back. Latency counts from each request's intended instant, so a late send does not flatter a
 * target; but a replay that falls behind offers the targets less load than the scenario asks,
 * and a capacity reading or a rehearsal should say so.
 *
 * @param plannedPerSecond  the traffic's average rate: its requests over its span, each request
 *                          counted once however many targets it goes to
 * @param sentPerSecond     the requests sent over the span from the schedule's start to the last
 *                          send (0 when nothing was sent)
 * @param percentile        the lateness percentile judged: 99 with 1,000 requests sent or more, 90
 *                          with 100 or more, else 50; so at least ten requests (or half) were late
 *                          whenever the schedule counts as not kept
 * @param latenessMillis    the largest lateness at that percentile across the targets
 * @param loopBusy          the busiest client event loop's CPU time over the replay's wall time,
 *                          0 to 1, or -1 where the JVM cannot tell
 * @param waited            per target role, the requests that found all its connections busy when
 *                          they were due and waited for one
 * @param sent              per target role, the requests sent to it
 * @param behind            what held the run back, or {@link Behind#NOTHING} when it kept its schedule
 * @param finding           what happened, in a sentence or two for the reader; null when the schedule was kept
 */
public record SchedulePace(
        double plannedPerSecond,
        double sentPerSecond,
        double percentile,
        double latenessMillis,
        double loopBusy,
        Map<String, Long> waited,
        Map<String, Long> sent,
        Behind behind,
        String finding) {

    /** What held a replay back. */
    public enum Behind {
        /** The schedule was kept: lateness within the bound. */
        NOTHING,
        /** A client event loop was busy nearly all the time and the rate fell short: it could not send faster. */
        REPLAYER,
        /** Requests found every connection to a target busy: it answered too slowly for the connection limit. */
        CONNECTIONS,
        /**
         * Neither: the replayer was short of CPU (the rate fell short), or, the rate kept, the
         * late requests came in bursts (pauses, other processes, bunched traffic).
         */
        MACHINE
    }

    public boolean kept() {
        return behind == Behind.NOTHING;
    }
}
