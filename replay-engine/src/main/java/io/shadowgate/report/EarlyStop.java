package io.shadowgate.report;

/**
 * When a run with {@code --stop-early} was decided before its traffic ran out.
 *
 * @param look          the look that decided (1 is the first window)
 * @param atMillis      when, from the schedule's start
 * @param pairs         request pairs answered by both targets by then
 * @param windowMillis  the evaluation window: a look after each
 */
public record EarlyStop(int look, long atMillis, long pairs, long windowMillis) {
}
