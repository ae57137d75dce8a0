package io.shadowgate.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes credentials from traffic before it is written anywhere: the values of
 * Authorization, Proxy-Authorization, Cookie and Set-Cookie (and any configured header) in
 * requests and recorded responses, and of configured JSON body fields at any depth, are
 * replaced by {@link TrafficHeader.Redaction#MARKER}. A body without a matching field keeps
 * its exact bytes. Immutable and thread-safe.
 */
public final class Redactor {

    public static final List<String> DEFAULT_HEADERS = List.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    private static final TextNode MARKER = TextNode.valueOf(TrafficHeader.Redaction.MARKER);

    private final Set<String> headers;
    private final Set<String> bodyFields;

    private Redactor(Set<String> headers, Set<String> bodyFields) {
        this.headers = headers;
        this.bodyFields = bodyFields;
    }

    /** The default credential headers plus {@code extraHeaders}, and the given JSON body fields. */
    public static Redactor withDefaults(List<String> extraHeaders, List<String> bodyFields) {
        Set<String> names = new LinkedHashSet<>(DEFAULT_HEADERS);
        extraHeaders.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        return new Redactor(Set.copyOf(names), Set.copyOf(bodyFields));
    }

    /** Redacts nothing: only when the user says so explicitly. */
    public static Redactor none() {
        return new Redactor(Set.of(), Set.of());
    }

    /** What this redactor removes, for the traffic file's header. */
    public TrafficHeader.Redaction description() {
        if (headers.isEmpty() && bodyFields.isEmpty()) {
            return TrafficHeader.Redaction.NONE;
        }
        return new TrafficHeader.Redaction(true, headers.stream().sorted().toList(), bodyFields.stream().sorted().toList());
    }

    public Request redact(Request r) {
        if (headers.isEmpty() && bodyFields.isEmpty()) {
            return r;
        }
        RecordedResponse recorded = r.recorded() == null ? null : new RecordedResponse(r.recorded().status(),
                redact(r.recorded().headers()), redactBody(r.recorded().body()), r.recorded().latencyMicros());
        return new Request(r.id(), r.offsetMicros(), r.endpoint(), r.method(), r.path(), redact(r.headers()),
                redactBody(r.body()), r.sessionKey(), recorded);
    }

    /** {@code source} with every request redacted. */
    public TrafficSource redacting(TrafficSource source) {
        return source.map(this::redact);
    }

    private List<Header> redact(List<Header> in) {
        List<Header> out = null;
        for (int i = 0; i < in.size(); i++) {
            Header h = in.get(i);
            if (headers.contains(h.name().toLowerCase(Locale.ROOT))) {
                if (out == null) {
                    out = new ArrayList<>(in);
                }
                out.set(i, new Header(h.name(), TrafficHeader.Redaction.MARKER));
            }
        }
        return out == null ? in : List.copyOf(out);
    }

    private byte[] redactBody(byte[] body) {
        if (bodyFields.isEmpty() || !looksLikeJson(body)) {
            return body;
        }
        JsonNode tree;
        try {
            tree = TrafficLines.JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (tree == null || !redactFields(tree)) {
            return body;
        }
        try {
            return TrafficLines.JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    private boolean redactFields(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (bodyFields.contains(field.getKey())) {
                    field.setValue(MARKER);
                    changed = true;
                } else {
                    changed |= redactFields(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                changed |= redactFields(item);
            }
        }
        return changed;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}
