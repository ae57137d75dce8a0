package io.shadowgate.bench;

import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.TargetSummary;
import io.shadowgate.replay.ReplaySummary;
import java.util.List;

/**
 * What one run at one paired rate measured. Lateness is the worse of the two targets at each
 * percentile; latency and service time are the candidate's. All times in milliseconds.
 *
 * @param rate         paired rate asked for, requests/s to each target
 * @param pass         which pass of the sweep, from 1
 * @param scheduled    requests read from the stream (each went to both targets)
 * @param elapsedNanos from the schedule's start to the last outcome
 * @param stopped      whether the watchdog had to stop the schedule
 * @param latenessP50  actual minus intended send, median
 * @param latenessP99  ... 99th percentile
 * @param latenessP999 ... 99.9th percentile
 * @param latencyP99   candidate, from the intended send to the response
 * @param serviceP99   candidate, from the actual send to the response
 * @param addsUp       at both targets, every scheduled request had exactly one outcome
 * @param errors       5xx, timeouts and connection errors, both targets together
 * @param notSent      requests never sent, both targets together
 * @param cpu          what the process spent during the replay
 * @param problem      what went wrong, in words, or null
 */
record RateResult(
        int rate,
        int pass,
        long scheduled,
        long elapsedNanos,
        boolean stopped,
        double latenessP50,
        double latenessP99,
        double latenessP999,
        double latencyP99,
        double serviceP99,
        boolean addsUp,
        long errors,
        long notSent,
        CpuMeter.Usage cpu,
        String problem) {

    static RateResult of(int rate, int pass, ReplaySummary summary, List<TargetSummary> targets, CpuMeter.Usage cpu) {
        TargetSummary baseline = targets.get(0);
        TargetSummary candidate = targets.get(1);
        boolean addsUp = true;
        long errors = 0;
        long notSent = 0;
        StringBuilder problem = new StringBuilder();
        for (TargetSummary t : targets) {
            OutcomeCounts c = t.counts();
            errors += c.errors();
            notSent += c.notSent();
            if (!c.addsUp()) {
                addsUp = false;
                problem.append(String.format("%s: %d scheduled but %d accounted (2xx %d, 5xx %d, timeouts %d, "
                                + "connection errors %d, not sent %d); ", t.target(), c.scheduled(), c.accounted(),
                        c.status2xx(), c.status5xx(), c.timeouts(), c.connectionErrors(), c.notSent()));
            }
        }
        if (summary.stopped()) {
            problem.append("the watchdog stopped the schedule; ");
        }
        return new RateResult(rate, pass, summary.scheduled(), summary.elapsedNanos(), summary.stopped(),
                Math.max(baseline.lateness().at(50), candidate.lateness().at(50)),
                Math.max(baseline.lateness().at(99), candidate.lateness().at(99)),
                Math.max(baseline.lateness().at(99.9), candidate.lateness().at(99.9)),
                candidate.latency().at(99), candidate.service().at(99), addsUp, errors, notSent, cpu,
                problem.isEmpty() ? null : problem.substring(0, problem.length() - 2));
    }

    /** A run that produced no measurement (the replayer threw); {@code problem} says why. */
    static RateResult failed(int rate, int pass, String problem) {
        return new RateResult(rate, pass, 0, 0, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                false, 0, 0, new CpuMeter.Usage(0, 0, 0, 0, 0, 0, -1, -1), problem);
    }

    boolean measured() {
        return scheduled > 0;
    }

    /** Whether other processes used more than {@link SweepOptions#SHARED_CORES} cores during the run. */
    boolean shared() {
        return cpu.elsewhereCores() > SweepOptions.SHARED_CORES;
    }

    /** Requests per second actually scheduled: scheduled over elapsed. */
    double achievedRate() {
        return elapsedNanos == 0 ? 0 : scheduled * 1e9 / elapsedNanos;
    }

    /** Errors and unsent requests as a share of all requests sent or due (both targets). */
    double errorShare() {
        return scheduled == 0 ? 1 : (double) (errors + notSent) / (2.0 * scheduled);
    }

    /** Process CPU per paired request (one request to each target), microseconds. */
    double cpuMicrosPerRequest() {
        return perRequest(cpu.processNanos());
    }

    double perRequest(long nanos) {
        return scheduled == 0 ? Double.NaN : nanos / 1_000.0 / scheduled;
    }
}
