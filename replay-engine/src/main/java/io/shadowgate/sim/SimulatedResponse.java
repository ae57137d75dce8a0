package io.shadowgate.sim;

import java.util.Map;

/**
 * A response decided but not yet written: status, JSON body and any headers beyond the ones
 * every response gets (Content-Type, Content-Length, X-Model-Version, Connection).
 *
 * @param status  HTTP status code
 * @param body    UTF-8 JSON
 * @param headers extra headers, e.g. {@code Allow} on a 405
 */
record SimulatedResponse(int status, byte[] body, Map<String, String> headers) {

    SimulatedResponse(int status, byte[] body) {
        this(status, body, Map.of());
    }
}
