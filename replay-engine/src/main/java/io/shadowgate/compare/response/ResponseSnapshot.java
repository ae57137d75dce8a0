package io.shadowgate.compare.response;

import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.RecordedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One response as the comparison sees it: status, headers in order, body bytes.
 * {@link RecordedResponse} carries a latency this package has no use for, hence a record of its
 * own; {@link #of(RecordedResponse)} converts.
 *
 * <p>The body array is not copied: the caller must not change it afterwards. Equality compares
 * the body's bytes (a record would compare the array's identity).
 *
 * @param status  HTTP status, 100 to 999
 * @param headers headers in order; names keep their case and may repeat
 * @param body    body bytes, empty for none
 */
public record ResponseSnapshot(int status, List<Header> headers, byte[] body) {

    public ResponseSnapshot {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be between 100 and 999 (was " + status + ")");
        }
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /** The response production gave, as recorded in a traffic file. */
    public static ResponseSnapshot of(RecordedResponse recorded) {
        return new ResponseSnapshot(recorded.status(), recorded.headers(), recorded.body());
    }

    /** The value of the first Content-Type header, or null when there is none. */
    public String contentType() {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("content-type")) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * Every value of the header {@code name} (case-insensitive) in order, joined with ", " as
     * HTTP allows for repeated headers; null when the header is absent.
     */
    public String headerValue(String name) {
        String joined = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                joined = joined == null ? h.value() : joined + ", " + h.value();
            }
        }
        return joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseSnapshot other && status == other.status
                && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "ResponseSnapshot[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
