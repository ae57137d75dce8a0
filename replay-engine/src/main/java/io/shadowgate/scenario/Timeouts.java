package io.shadowgate.scenario;

import java.time.Duration;

/**
 * Client time limits.
 *
 * @param connect how long opening a connection may take
 * @param request how long a request may take from its intended send instant to its full
 *                response; a request still unanswered then is a timeout (queueing for a
 *                connection counts, because the user would have been waiting too)
 */
public record Timeouts(Duration connect, Duration request) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
}
