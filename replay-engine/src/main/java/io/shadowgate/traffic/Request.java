package io.shadowgate.traffic;

import java.util.List;

/**
 * One request of a traffic stream, to be sent {@code offsetMicros} after the stream starts.
 *
 * @param id           position in the stream, from 0; unique within a run
 * @param offsetMicros intended send instant, microseconds from the stream start
 * @param endpoint     endpoint name for metrics and reports
 * @param method       HTTP method
 * @param path         path and query, starting with '/'
 * @param headers      headers in order
 * @param body         body bytes, empty for none
 * @param sessionKey   groups requests of one user or session (for partitioning), or null
 * @param recorded     the response production gave, or null when none was recorded
 */
public record Request(
        long id,
        long offsetMicros,
        String endpoint,
        String method,
        String path,
        List<Header> headers,
        byte[] body,
        String sessionKey,
        RecordedResponse recorded) {

    /** A request with no session key and no recorded response (synthesized traffic). */
    public Request(long id, long offsetMicros, String endpoint, String method, String path, List<Header> headers, byte[] body) {
        this(id, offsetMicros, endpoint, method, path, headers, body, null, null);
    }
}
