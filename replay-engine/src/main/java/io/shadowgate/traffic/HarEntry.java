package io.shadowgate.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * One HAR entry boiled down to what a replay needs, built from the entry's JSON tree as soon
 * as it is parsed so that the tree (and every field Shadowgate ignores) can be dropped at
 * once. Immutable; {@link #from} may be called from any thread.
 *
 * @param startedMicros {@code startedDateTime} in microseconds since the epoch, for sorting
 * @param method        request method as recorded
 * @param path          path and query as sent on the wire, starting with '/'
 * @param headers       request headers worth replaying, in order
 * @param body          request body, empty for none
 * @param recorded      the recorded response, or null when the browser got none (status 0)
 */
record HarEntry(long startedMicros, String method, String path, List<Header> headers, byte[] body,
        RecordedResponse recorded) {

    /**
     * Headers the replayer must not copy: hop-by-hop headers (RFC 9110 §7.6.1) describe the
     * recorded connection, not the request; Host and Content-Length are set by the replayer
     * for its own target and for the body it actually sends.
     */
    private static final Set<String> DROPPED_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length");

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    /** Converts one entry; throws {@link IllegalArgumentException} naming the field that is wrong. */
    static HarEntry from(JsonNode entry) {
        long started = startedMicros(requiredText(entry, "startedDateTime", "startedDateTime"));
        JsonNode request = entry.get("request");
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("missing required field request (an object)");
        }
        String method = requiredText(request, "method", "request.method");
        String path = pathOf(requiredText(request, "url", "request.url"));
        return new HarEntry(started, method, path, headers(request.get("headers"), "request.headers"),
                body(request.get("postData")), recorded(entry));
    }

    /** The replayable request; HAR has no notion of a session or user, so no session key. */
    Request toRequest(long id, long offsetMicros) {
        return new Request(id, offsetMicros, EndpointNames.of(method, path), method, path, headers, body, null,
                recorded);
    }

    private static String requiredText(JsonNode parent, String field, String name) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing required field " + name);
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty string, not " + value);
        }
        return value.asText();
    }

    private static long startedMicros(String text) {
        try {
            var instant = OffsetDateTime.parse(text).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("startedDateTime \"" + text
                    + "\" is not an ISO-8601 date-time with an offset, like 2023-03-29T16:58:59.303-07:00");
        }
    }

    /**
     * The request target as sent on the wire: scheme and host are dropped (the replayer aims at
     * its own hosts), the query is kept byte for byte, the fragment is dropped (browsers never
     * send it). Parsed by hand because {@link java.net.URI} rejects characters that browsers do
     * send unescaped, such as '|' or '{'.
     */
    static String pathOf(String url) {
        int hash = url.indexOf('#');
        String target = hash < 0 ? url : url.substring(0, hash);
        int authorityStart;
        if (target.startsWith("//")) {
            authorityStart = 2; // scheme-relative: //host/path
        } else if (target.startsWith("/")) {
            return target;
        } else {
            var scheme = SCHEME.matcher(target);
            if (!scheme.lookingAt()) {
                throw new IllegalArgumentException("request.url \"" + url
                        + "\" is neither absolute (scheme://host/...) nor a path starting with '/'");
            }
            authorityStart = scheme.end();
        }
        int pathStart = authorityStart;
        while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
            pathStart++;
        }
        String path = target.substring(pathStart);
        return path.startsWith("/") ? path : "/" + path;
    }

    private static List<Header> headers(JsonNode array, String name) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(name + " must be an array of {name, value}");
        }
        List<Header> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String headerName = requiredText(array.get(i), "name", name + "[" + i + "].name");
            String lower = headerName.toLowerCase(Locale.ROOT);
            // ':authority', ':path' and friends are HTTP/2 framing that Chrome lists as headers.
            if (!lower.startsWith(":") && !DROPPED_HEADERS.contains(lower)) {
                out.add(new Header(headerName, array.get(i).path("value").asText("")));
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@code postData.text} when present, else {@code postData.params} form-encoded. A param
     * with a {@code fileName} (a multipart upload) contributes only its name and value: HAR
     * does not carry the file's bytes, so the upload cannot be rebuilt faithfully anyway.
     */
    private static byte[] body(JsonNode postData) {
        if (postData == null || !postData.isObject()) {
            return new byte[0];
        }
        JsonNode text = postData.get("text");
        if (text != null && text.isTextual()) {
            return text.asText().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode params = postData.get("params");
        if (params == null || !params.isArray()) {
            return new byte[0];
        }
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < params.size(); i++) {
            String name = requiredText(params.get(i), "name", "request.postData.params[" + i + "].name");
            form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(params.get(i).path("value").asText(""), StandardCharsets.UTF_8));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The response production gave, or null for status 0 (aborted, blocked or offline: the
     * browser never got one). The body is {@code content.text} as the exporter stored it, which
     * is already decoded even when a Content-Encoding header says gzip.
     */
    private static RecordedResponse recorded(JsonNode entry) {
        JsonNode response = entry.path("response");
        int status = response.path("status").asInt(0);
        if (status <= 0) {
            return null;
        }
        JsonNode content = response.path("content");
        JsonNode text = content.path("text");
        byte[] body;
        if (!text.isTextual()) {
            body = new byte[0];
        } else if ("base64".equals(content.path("encoding").asText())) {
            try {
                // The MIME decoder tolerates the line breaks some exporters put in long base64.
                body = Base64.getMimeDecoder().decode(text.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("response.content.text is not valid base64: " + e.getMessage());
            }
        } else {
            body = text.asText().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode time = entry.path("time");
        // HAR writes -1 for "unknown"; fractional milliseconds are common in Chrome exports.
        long latencyMicros = time.isNumber() && time.asDouble() >= 0 ? Math.round(time.asDouble() * 1000.0) : -1;
        return new RecordedResponse(status, headers(response.get("headers"), "response.headers"), body, latencyMicros);
    }
}
