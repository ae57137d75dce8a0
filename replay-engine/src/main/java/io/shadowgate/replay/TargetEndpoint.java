package io.shadowgate.replay;

import io.shadowgate.traffic.Header;
import java.net.URI;
import java.util.List;

/**
 * Where one target is and what the replayer adds to every request sent to it.
 *
 * @param address base URL, e.g. {@code http://127.0.0.1:8080}
 * @param headers headers set on every request to this target (replacing any of the same name),
 *                e.g. its own credentials; never written to any output
 * @param host    the Host header to send, or null for the address's host and port
 */
public record TargetEndpoint(URI address, List<Header> headers, String host) {

    public static TargetEndpoint of(URI address) {
        return new TargetEndpoint(address, List.of(), null);
    }
}
