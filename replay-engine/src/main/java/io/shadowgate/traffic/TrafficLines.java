package io.shadowgate.traffic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON shape of each line of a traffic file, both ways. One object per line:
 * <pre>
 * {"shadowgate":"traffic","formatVersion":1,"created":"…","source":"…","redaction":{…}}   header
 * {"id":0,"offsetMicros":0,"endpoint":"…","method":"GET","path":"/a?b=1",
 *  "headers":[["Accept","*&#47;*"]],"body":"…" | "bodyBase64":"…","session":"…",
 *  "response":{"status":200,"headers":[…],"body":"…","latencyMicros":830}}              record
 * {"trailer":{"records":1,"sha256":"…"}}                                                  trailer
 * </pre>
 * Headers are [name, value] pairs so order and repeated names survive. A body that is valid
 * UTF-8 text is stored as {@code body}; anything else as {@code bodyBase64} (the key is the
 * marker). Stateless.
 */
final class TrafficLines {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NO_BYTES = new byte[0];

    private TrafficLines() {
    }

    static byte[] header(TrafficHeader header) {
        return line(g -> {
            g.writeStringField("shadowgate", "traffic");
            g.writeNumberField("formatVersion", header.formatVersion());
            if (header.created() != null) {
                g.writeStringField("created", header.created().toString());
            }
            g.writeStringField("source", header.source());
            g.writeObjectFieldStart("redaction");
            g.writeBooleanField("applied", header.redaction().applied());
            writeStrings(g, "headers", header.redaction().headers());
            writeStrings(g, "bodyFields", header.redaction().bodyFields());
            g.writeEndObject();
        });
    }

    static byte[] record(Request r) {
        return line(g -> {
            g.writeNumberField("id", r.id());
            g.writeNumberField("offsetMicros", r.offsetMicros());
            g.writeStringField("endpoint", r.endpoint());
            g.writeStringField("method", r.method());
            g.writeStringField("path", r.path());
            writeHeaders(g, r.headers());
            writeBody(g, r.body());
            if (r.sessionKey() != null) {
                g.writeStringField("session", r.sessionKey());
            }
            if (r.recorded() != null) {
                RecordedResponse response = r.recorded();
                g.writeObjectFieldStart("response");
                g.writeNumberField("status", response.status());
                writeHeaders(g, response.headers());
                writeBody(g, response.body());
                if (response.latencyMicros() >= 0) {
                    g.writeNumberField("latencyMicros", response.latencyMicros());
                }
                g.writeEndObject();
            }
        });
    }

    static byte[] trailer(long records, String sha256) {
        return line(g -> {
            g.writeObjectFieldStart("trailer");
            g.writeNumberField("records", records);
            g.writeStringField("sha256", sha256);
            g.writeEndObject();
        });
    }

    // ---- reading: each method throws IllegalArgumentException with what was expected ----

    static TrafficHeader parseHeader(JsonNode node) {
        if (!"traffic".equals(node.path("shadowgate").asText(null))) {
            throw new IllegalArgumentException("expected the header line {\"shadowgate\":\"traffic\",…} first; "
                    + "is this a traffic file? (HAR, .gor and access logs are read with their own format name)");
        }
        int version = intField(node, "formatVersion");
        if (version < 1 || version > TrafficHeader.FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + version + " is not supported (this reader knows 1 to "
                    + TrafficHeader.FORMAT_VERSION + ")");
        }
        JsonNode redaction = node.path("redaction");
        Instant created = node.hasNonNull("created") ? Instant.parse(text(node, "created")) : null;
        return new TrafficHeader(version, created, text(node, "source"),
                new TrafficHeader.Redaction(redaction.path("applied").asBoolean(false),
                        strings(redaction.path("headers")), strings(redaction.path("bodyFields"))));
    }

    static boolean isTrailer(JsonNode node) {
        return node.has("trailer");
    }

    /**
     * The request on one record line. Repeated values (method, endpoint, path, session, headers)
     * come from {@code shared}, so the requests of a stream share them instead of each holding
     * its own copy.
     */
    static Request parseRecord(JsonNode node, long expectedId, SharedValues shared) {
        long id = longField(node, "id");
        if (id != expectedId) {
            throw new IllegalArgumentException("expected id " + expectedId + " (records are numbered in order), found " + id);
        }
        long offset = longField(node, "offsetMicros");
        if (offset < 0) {
            throw new IllegalArgumentException("offsetMicros must not be negative, found " + offset);
        }
        String method = shared.text(text(node, "method"));
        String path = shared.text(text(node, "path"));
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', found '" + path + "'");
        }
        String endpoint = shared.text(node.hasNonNull("endpoint") ? node.get("endpoint").asText()
                : EndpointNames.of(method, path));
        JsonNode response = node.get("response");
        RecordedResponse recorded = response == null || response.isNull() ? null : new RecordedResponse(
                intField(response, "status"), headers(response.path("headers"), shared), body(response),
                response.has("latencyMicros") ? longField(response, "latencyMicros") : -1);
        return new Request(id, offset, endpoint, method, path, headers(node.path("headers"), shared), body(node),
                node.hasNonNull("session") ? shared.text(node.get("session").asText()) : null, recorded);
    }

    static long trailerRecords(JsonNode node) {
        return longField(node.get("trailer"), "records");
    }

    static String trailerSha256(JsonNode node) {
        return text(node.get("trailer"), "sha256");
    }

    private static List<Header> headers(JsonNode array, SharedValues shared) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("headers must be a list of [name, value] pairs");
        }
        List<Header> out = new ArrayList<>(array.size());
        for (JsonNode pair : array) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new IllegalArgumentException("headers must be a list of [name, value] pairs, found " + pair);
            }
            out.add(shared.header(pair.get(0).asText(), pair.get(1).asText()));
        }
        return shared.headers(List.copyOf(out));
    }

    private static byte[] body(JsonNode node) {
        JsonNode text = node.get("body");
        JsonNode base64 = node.get("bodyBase64");
        if (text != null && !text.isNull()) {
            return text.asText().getBytes(StandardCharsets.UTF_8);
        }
        if (base64 != null && !base64.isNull()) {
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bodyBase64 is not valid base64: " + e.getMessage());
            }
        }
        return NO_BYTES;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("expected '" + field + "' to be a string");
        }
        return value.asText();
    }

    private static long longField(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("expected '" + field + "' to be a whole number");
        }
        return value.asLong();
    }

    private static int intField(JsonNode node, String field) {
        long value = longField(node, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + field + "' is out of range: " + value);
        }
        return (int) value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    // ---- writing ----

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] line(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeHeaders(JsonGenerator g, List<Header> headers) throws IOException {
        g.writeArrayFieldStart("headers");
        for (Header h : headers) {
            g.writeStartArray();
            g.writeString(h.name());
            g.writeString(h.value());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeBody(JsonGenerator g, byte[] body) throws IOException {
        if (body.length == 0) {
            return;
        }
        String text = utf8OrNull(body);
        if (text != null) {
            g.writeStringField("body", text);
        } else {
            g.writeStringField("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** The body as text if it is strict UTF-8 without NUL bytes, else null (binary). */
    static String utf8OrNull(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
