package io.shadowgate.metrics;

import java.util.List;

/**
 * What a run has done so far, for the progress line and the metrics endpoint. Taken without
 * stopping the recording, so its parts can be a few outcomes apart; never used to judge.
 *
 * @param elapsedMillis since the recorder started
 * @param scheduled     requests read from the traffic so far; in shadow mode each goes to every target
 * @param targets       per target, in the order of the roles
 */
public record LiveFigures(long elapsedMillis, long scheduled, List<Target> targets) {

    public LiveFigures {
        targets = List.copyOf(targets);
    }

    /**
     * One target's figures.
     *
     * @param target    role, e.g. {@code baseline}
     * @param sent      requests handed to the target: scheduled, less those that ended as not sent. The
     *                  scheduler counts a request when it reads it, just before its intended instant,
     *                  so this can run one request ahead of the wire
     * @param inFlight  sent and not ended yet
     * @param completed ended in a response, a timeout or a connection error
     * @param errors    5xx responses, timeouts and connection errors
     * @param p99Millis 99th percentile latency from the intended send over the last closed interval
     *                  (responses and timeouts); NaN before the first interval or when it had none
     */
    public record Target(String target, long sent, long inFlight, long completed, long errors, double p99Millis) {
    }
}
