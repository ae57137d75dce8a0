package io.shadowgate.compare.response;

import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Redactor;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a pair fit to keep as an example: credentials removed with the capture's
 * {@link Redactor} (its headers, and its JSON body fields at any depth), bodies cut at a UTF-8
 * character boundary, headers bounded; and the values of differences at redacted fields or
 * headers replaced by the marker too, since a difference at {@code $.token} would otherwise
 * show the token. Text bodies that are not JSON keep their content: the redactor has no fields
 * to find there. Immutable and thread-safe.
 */
final class ExampleRedaction {

    static final String MARKER = TrafficHeader.Redaction.MARKER;

    private final Redactor redactor;
    private final Set<String> headers;
    private final Set<String> fields;
    private final int bodyBytes;

    ExampleRedaction(Redactor redactor, int bodyBytes) {
        this.redactor = redactor;
        TrafficHeader.Redaction description = redactor.description();
        this.headers = Set.copyOf(description.headers());
        this.fields = Set.copyOf(description.bodyFields());
        this.bodyBytes = bodyBytes;
    }

    /** A redacted, cut copy of {@code response}. */
    ResponseSnapshot snapshot(String endpoint, ResponseSnapshot response) {
        // The redactor works on requests; one carries the response's headers and body through it.
        Request carrier = redactor.redact(new Request(0, 0, endpoint, "GET", "/", response.headers(), response.body()));
        List<Header> kept = new ArrayList<>(Math.min(carrier.headers().size(), AccumulatorLimits.EXAMPLE_HEADERS));
        for (Header h : carrier.headers()) {
            if (kept.size() == AccumulatorLimits.EXAMPLE_HEADERS) {
                break;
            }
            kept.add(new Header(h.name(), ValueText.truncate(h.value(), AccumulatorLimits.EXAMPLE_HEADER_CHARS)));
        }
        return new ResponseSnapshot(response.status(), kept, cut(carrier.body()));
    }

    /** Whether differences at {@code path} carry a credential: a redacted header, or a path through a redacted field. */
    boolean sensitive(String path) {
        if (path.startsWith(ResponseComparator.HEADER_PATH_PREFIX)) {
            return headers.contains(path.substring(ResponseComparator.HEADER_PATH_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        if (fields.isEmpty() || !path.startsWith("$")) {
            return false;
        }
        JsonPathPattern parsed;
        try {
            parsed = JsonPathPattern.parse(path);
        } catch (IllegalArgumentException e) {
            return true; // not a path this package wrote: mask rather than risk showing a credential
        }
        for (JsonPathPattern.Segment segment : parsed.segments()) {
            if (segment.match() == JsonPathPattern.Match.FIELD && fields.contains(segment.name())) {
                return true;
            }
        }
        return false;
    }

    /** {@code differences} with their values replaced by the marker. */
    static List<Difference> masked(List<Difference> differences) {
        List<Difference> out = new ArrayList<>(differences.size());
        for (Difference d : differences) {
            out.add(new Difference(d.path(), d.location(), d.kind(), mask(d.baselineValue()), mask(d.candidateValue()),
                    mask(d.detail())));
        }
        return out;
    }

    private static String mask(String value) {
        return value == null ? null : MARKER;
    }

    private byte[] cut(byte[] body) {
        if (body.length <= bodyBytes) {
            return body;
        }
        int end = bodyBytes;
        // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
        while (end > 0 && (body[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(body, end);
    }
}
