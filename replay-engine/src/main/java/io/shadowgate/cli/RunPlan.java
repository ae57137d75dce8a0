package io.shadowgate.cli;

import io.shadowgate.traffic.TrafficScan;

/**
 * What a run is to send, known from the traffic scan before it starts: the progress bar's
 * 100 % and, since the schedule is open loop, its end in time.
 *
 * @param requests   requests the traffic yields (each goes to every target)
 * @param spanMillis the last request's intended offset from the schedule's start
 */
record RunPlan(long requests, long spanMillis) {

    static RunPlan of(TrafficScan scan) {
        return new RunPlan(scan.records(), scan.spanMicros() / 1_000);
    }

    /** Scheduled requests as a fraction of the plan, 0 to 1; 1 for an empty plan. */
    double done(long scheduled) {
        return requests <= 0 ? 1 : Math.min(1.0, (double) scheduled / requests);
    }

    /** Time left until the last request is due, in whole seconds rounded up (0 only once it is due), as millis. */
    long remainingMillis(long elapsedMillis) {
        long left = Math.max(0, spanMillis - elapsedMillis);
        return (left + 999) / 1_000 * 1_000;
    }
}
