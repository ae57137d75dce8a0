package io.shadowgate.replay;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests as one target gets them, for Netty's encoder: the target's Host first, unless one
 * of its headers is a Host; the request's own headers but those set here; the target's headers
 * (the last of each name; none that the replayer sets itself); the request id; the body's
 * length, unless the body is empty and the method gives it no meaning. Expect is never sent:
 * nothing here waits for an interim answer.
 *
 * <p>The headers are a flat name/value array (Netty's {@link ReadOnlyHttpHeaders}), built,
 * encoded and dropped once per request: a hash map of them, validated header by header, cost
 * 120 ns a request more, 230 with three headers of the request's own ({@code
 * RequestEncodingBenchmark}), about 2 % of an exchange at saturation. So the request's own
 * headers are validated as they are copied, as Netty validates headers, and the target's once.
 * Immutable.
 */
public final class TargetRequests {

    public static final String REQUEST_ID_HEADER = "X-Shadowgate-Request-Id";
    private static final AsciiString REQUEST_ID = AsciiString.cached(REQUEST_ID_HEADER);
    /** Names the replayer sets or drops on every request, whatever the request or the target says. */
    private static final List<AsciiString> SET_BY_THE_REPLAYER =
            List.of(HttpHeaderNames.EXPECT, REQUEST_ID, HttpHeaderNames.CONTENT_LENGTH);

    private final CharSequence[] hostPair;
    private final CharSequence[] targetPairs;
    private final List<String> replaced;
    /** Why no request can be sent to this target, or null. */
    private final IllegalArgumentException invalid;

    /**
     * @param hostHeader the Host header to send
     * @param headers    the target's headers, set on every request (replacing any of the same name)
     */
    public TargetRequests(String hostHeader, List<Header> headers) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            if (!isSetByTheReplayer(header.name())) {
                kept.removeIf(h -> h.name().equalsIgnoreCase(header.name()));
                kept.add(header);
            }
        }
        boolean targetHasHost = kept.stream().anyMatch(h -> HttpHeaderNames.HOST.contentEqualsIgnoreCase(h.name()));
        this.hostPair = targetHasHost ? new CharSequence[0] : new CharSequence[] {HttpHeaderNames.HOST, hostHeader};
        this.targetPairs = new CharSequence[2 * kept.size()];
        List<String> names = new ArrayList<>();
        IllegalArgumentException problem = null;
        try {
            validValue(hostHeader);
            for (int i = 0; i < kept.size(); i++) {
                targetPairs[2 * i] = validName(kept.get(i).name());
                targetPairs[2 * i + 1] = validValue(kept.get(i).value());
                names.add(kept.get(i).name());
            }
        } catch (IllegalArgumentException e) {
            // A target header Netty would refuse: every request to it ends as a connection error, as one
            // with a bad header of its own does.
            problem = e;
        }
        this.replaced = List.copyOf(names);
        this.invalid = problem;
    }

    /**
     * {@code request} as this target gets it.
     *
     * @throws IllegalArgumentException when a header cannot be sent as it is
     */
    public FullHttpRequest toHttp(Request request) {
        if (invalid != null) {
            throw invalid;
        }
        List<Header> headers = request.headers();
        CharSequence[] pairs = new CharSequence[hostPair.length + targetPairs.length + 2 * headers.size() + 4];
        System.arraycopy(hostPair, 0, pairs, 0, hostPair.length);
        int k = hostPair.length;
        for (Header header : headers) {
            if (!replaces(header.name())) {
                pairs[k++] = validName(header.name());
                pairs[k++] = validValue(header.value());
            }
        }
        System.arraycopy(targetPairs, 0, pairs, k, targetPairs.length);
        k += targetPairs.length;
        pairs[k++] = REQUEST_ID;
        pairs[k++] = Long.toString(request.id());
        if (request.body().length > 0 || takesContent(request.method())) {
            pairs[k++] = HttpHeaderNames.CONTENT_LENGTH;
            pairs[k++] = Integer.toString(request.body().length);
        }
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), request.path(),
                Unpooled.wrappedBuffer(request.body()),
                new ReadOnlyHttpHeaders(false, k == pairs.length ? pairs : Arrays.copyOf(pairs, k)),
                EmptyHttpHeaders.INSTANCE);
    }

    /**
     * Whether {@code method} gives a request's content a meaning, so that an empty one is still
     * announced: RFC 9110 8.6 asks a client not to send Content-Length with no content on the
     * others (GET, HEAD, DELETE, OPTIONS, TRACE), as the captured client did not.
     */
    private static boolean takesContent(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                || method.equals("OPTIONS") || method.equals("TRACE"));
    }

    /** Whether a request's header of this name gives way to the target's or to the replayer's. */
    private boolean replaces(String name) {
        if (isSetByTheReplayer(name)) {
            return true;
        }
        for (String n : replaced) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSetByTheReplayer(String name) {
        for (AsciiString n : SET_BY_THE_REPLAYER) {
            if (n.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code name} if Netty would send it as a header name. */
    private static String validName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header names are not allowed");
        }
        int bad = HttpHeaderValidationUtil.validateToken(name);
        if (bad != -1) {
            throw new IllegalArgumentException("a header name can only contain 'token' characters, found one at " + bad);
        }
        return name;
    }

    /** {@code value} if Netty would send it as a header value. */
    private static String validValue(String value) {
        int bad = HttpHeaderValidationUtil.validateValidHeaderValue(value);
        if (bad != -1) {
            throw new IllegalArgumentException("a header value cannot hold that character, found one at " + bad);
        }
        return value;
    }
}
