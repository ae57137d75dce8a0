package io.shadowgate.rehearsal;

/**
 * A fault scheduled at one of the targets, for the timeline and for time-to-detect.
 *
 * @param target   the role it hits
 * @param kind     its kind, as written in the scenario
 * @param atMillis when it starts, from the schedule's start
 * @param endMillis when it ends
 * @param detail   what it does, in words
 */
public record FaultWindow(String target, String kind, long atMillis, long endMillis, String detail) {
}
