package io.shadowgate.report;

import java.util.Locale;

/**
 * When a run with {@code --stop-early} was decided before its traffic ran out.
 *
 * @param look          the look that decided (1 is the first window), or 0 when a window's
 *                      own NO_GO stopped the run
 * @param atMillis      when, from the schedule's start
 * @param pairs         request pairs answered by both targets by then
 * @param windowMillis  the evaluation window: a look after each
 * @param decidedBy     {@code all traffic so far} for a look, or the scope of the deciding window
 */
public record EarlyStop(int look, long atMillis, long pairs, long windowMillis, String decidedBy) {

    public static final String LOOK = "all traffic so far";

    /** One line for people, e.g. {@code decided at look 3 (a look every 10 s), 30.3 s into the schedule, ...}. */
    public String describe() {
        String what = look > 0
                ? String.format(Locale.ROOT, "decided at look %d (a look every %s s)", look, ReportNumbers.seconds(windowMillis))
                : "stopped by the NO_GO of " + decidedBy;
        return String.format(Locale.ROOT, "%s, %s s into the schedule, after %,d request pairs", what, ReportNumbers.seconds(atMillis),
                pairs);
    }
}
