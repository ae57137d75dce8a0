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
 */
public record Request(
        long id,
        long offsetMicros,
        String endpoint,
        String method,
        String path,
        List<Header> headers,
        byte[] body) {
}
