package io.shadowgate.replay;

import io.shadowgate.traffic.Header;
import java.util.List;

/**
 * What a target answered beyond its status: headers in order and the body. Kept only when a
 * consumer compares responses ({@link ReplayOptions#keepBodies()}); otherwise {@link #NONE}.
 *
 * @param headers response headers, names as sent
 * @param body    body bytes, empty for none
 */
public record ResponseContent(List<Header> headers, byte[] body) {

    public static final ResponseContent NONE = new ResponseContent(List.of(), new byte[0]);

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
