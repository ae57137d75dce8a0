package io.shadowgate.capture;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.traffic.Header;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers that belong to one connection, not to the message (RFC 9110 §7.6.1): removed
 * before a message is forwarded, and left out of records. Stateless. Public for the other
 * proxy, the fault-injecting one in {@code sim}, which forwards by the same rules.
 *
 * <p>Content-Length and Transfer-Encoding stay on forwarded messages even when a Connection
 * header names them: Netty's encoders frame each forwarded message by them (chunked stays
 * chunked), and dropping them would let a client smuggle a second request past the framing.
 * Records leave them out: a record holds the body itself.
 */
public final class HopByHop {

    /** Connection-scoped on every hop; {@code Upgrade} too, since the proxy relays HTTP/1.1 only. */
    private static final Set<String> CONNECTION_SCOPED = Set.of("connection", "keep-alive", "proxy-connection", "te", "upgrade");
    /**
     * Not recorded: framing, which a record does not need ({@code Trailer} announces the trailers
     * of a chunked body), and {@code Expect}, which negotiates the transfer: a replayed
     * {@code Expect: 100-continue} would get an interim answer a replay client takes for the response.
     */
    private static final Set<String> NOT_RECORDED = Set.of("content-length", "transfer-encoding", "trailer", "expect");
    private static final Set<String> NEVER_STRIPPED_BY_NOMINATION = Set.of("content-length", "transfer-encoding", "host");

    private HopByHop() {
    }

    /** Removes the connection-scoped headers, and those the Connection header names, before forwarding. */
    public static void strip(HttpHeaders headers) {
        for (String name : nominated(headers)) {
            if (!NEVER_STRIPPED_BY_NOMINATION.contains(name)) {
                headers.remove(name);
            }
        }
        for (String name : CONNECTION_SCOPED) {
            headers.remove(name);
        }
    }

    /** The headers worth recording, in order with their case as received: all but the connection-scoped and the not-recorded ones. */
    static List<Header> recordable(HttpHeaders headers) {
        Set<String> nominated = nominated(headers);
        List<Header> out = new ArrayList<>(headers.size());
        Iterator<Map.Entry<String, String>> it = headers.iteratorAsString();
        while (it.hasNext()) {
            Map.Entry<String, String> h = it.next();
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!CONNECTION_SCOPED.contains(name) && !NOT_RECORDED.contains(name) && !nominated.contains(name)) {
                out.add(new Header(h.getKey(), h.getValue()));
            }
        }
        return out;
    }

    /** Lower-cased names listed in the Connection header(s). */
    private static Set<String> nominated(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
