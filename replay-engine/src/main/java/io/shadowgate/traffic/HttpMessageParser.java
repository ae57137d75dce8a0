package io.shadowgate.traffic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one captured HTTP/1.x message (request or response, as raw bytes) into what a replay
 * needs: start line, end-to-end headers in order, and the body with its framing undone. Stateless.
 *
 * <p>Requests are parsed strictly, because they are what gets replayed: a body shorter than its
 * Content-Length, or bytes after the end of the message, are errors rather than silently sending
 * a different request. Responses are only evidence to compare with, so a response body cut
 * short (or absent, as after HEAD) is kept as captured. Header text is ISO-8859-1, so every byte
 * survives the round trip to a client that writes header chars as bytes (Netty does).
 */
final class HttpMessageParser {

    /** A request without its framing: method, origin-form path and query, headers, body. */
    record ParsedRequest(String method, String path, List<Header> headers, byte[] body) {
    }

    /** A response without its framing. */
    record ParsedResponse(int status, List<Header> headers, byte[] body) {
    }

    /** The message cannot be used; the text says what was expected. */
    static final class MalformedHttpException extends Exception {
        MalformedHttpException(String detail) {
            super(detail);
        }
    }

    /** Framing and connection headers: they describe one hop, which the replay client rebuilds. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern REQUEST_LINE = Pattern.compile("(" + TOKEN.pattern() + ") (\\S+) HTTP/\\d\\.\\d");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: .*)?");
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("(?i)https?://[^/?#]*([/?].*)?");

    private final byte[] bytes;
    private int pos;

    private HttpMessageParser(byte[] bytes) {
        this.bytes = bytes;
    }

    static ParsedRequest parseRequest(byte[] message) throws MalformedHttpException {
        HttpMessageParser p = new HttpMessageParser(message);
        String line = p.startLine();
        Matcher m = REQUEST_LINE.matcher(line);
        if (!m.matches()) {
            throw new MalformedHttpException("request line '" + shorten(line)
                    + "' does not parse; expected 'METHOD /path HTTP/1.x'");
        }
        String path = originForm(m.group(2));
        List<Header> raw = p.headers();
        byte[] body = p.body(raw, true, false);
        p.expectEnd();
        return new ParsedRequest(m.group(1), path, endToEnd(raw), body);
    }

    static ParsedResponse parseResponse(byte[] message) throws MalformedHttpException {
        HttpMessageParser p = new HttpMessageParser(message);
        String line = p.startLine();
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            throw new MalformedHttpException("status line '" + shorten(line) + "' does not parse; expected 'HTTP/1.x NNN reason'");
        }
        int status = Integer.parseInt(m.group(1));
        List<Header> raw = p.headers();
        // RFC 9112 §6.3: these statuses never have a body, whatever the headers say.
        boolean bodiless = status < 200 || status == 204 || status == 304;
        byte[] body = p.body(raw, false, bodiless);
        return new ParsedResponse(status, endToEnd(raw), body);
    }

    /** Strips absolute-form ({@code http://host/p?q}) to origin-form; refuses what cannot be replayed. */
    private static String originForm(String target) throws MalformedHttpException {
        if (target.startsWith("/")) {
            return target;
        }
        Matcher m = ABSOLUTE_FORM.matcher(target);
        if (m.matches()) {
            String rest = m.group(1);
            return rest == null ? "/" : rest.startsWith("?") ? "/" + rest : rest;
        }
        throw new MalformedHttpException("request target '" + shorten(target)
                + "' is neither /path nor http://host/path; CONNECT and 'OPTIONS *' cannot be replayed");
    }

    private String startLine() throws MalformedHttpException {
        String line;
        do { // RFC 9112 §2.2: a recipient should ignore empty lines before the start line.
            line = line();
            if (line == null) {
                throw new MalformedHttpException(bytes.length == 0 ? "the HTTP message is empty"
                        : "the start line '" + shorten(new String(bytes, StandardCharsets.ISO_8859_1)) + "' has no line end");
            }
        } while (line.isEmpty());
        return line;
    }

    private List<Header> headers() throws MalformedHttpException {
        List<Header> out = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new MalformedHttpException("the header section has no empty line at its end; truncated?");
            }
            if (line.isEmpty()) {
                return out;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && !out.isEmpty()) {
                // Obsolete line folding (RFC 9112 §5.2): replace with a space, as recipients may.
                Header last = out.remove(out.size() - 1);
                out.add(new Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            if (colon < 0 || !TOKEN.matcher(name).matches()) {
                throw new MalformedHttpException("header line '" + shorten(line) + "' does not parse; expected 'Name: value'");
            }
            out.add(new Header(name, line.substring(colon + 1).strip()));
        }
    }

    private byte[] body(List<Header> headers, boolean strict, boolean bodiless) throws MalformedHttpException {
        String transferEncoding = joined(headers, "transfer-encoding");
        String contentLength = joined(headers, "content-length");
        if (bodiless) {
            return new byte[0];
        }
        if (transferEncoding != null) { // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length.
            if (!transferEncoding.strip().equalsIgnoreCase("chunked")) {
                throw new MalformedHttpException("Transfer-Encoding '" + shorten(transferEncoding) + "' is not supported; expected chunked");
            }
            return ChunkedBodyDecoder.decode(this, strict);
        }
        if (contentLength != null) {
            long n = contentLength(contentLength);
            int available = bytes.length - pos;
            if (n > available && strict) {
                throw new MalformedHttpException("the body is cut short: " + available + " of Content-Length " + n + " bytes");
            }
            return take((int) Math.min(n, available));
        }
        // Without framing headers a request has no body, and a response runs to the end (RFC 9112 §6.3).
        return strict ? new byte[0] : take(bytes.length - pos);
    }

    private static long contentLength(String value) throws MalformedHttpException {
        long n = -1;
        for (String part : value.split(",")) { // Repeated identical values are allowed; different ones are not.
            String v = part.strip();
            if (!v.matches("\\d{1,18}") || (n >= 0 && Long.parseLong(v) != n)) {
                throw new MalformedHttpException("Content-Length '" + shorten(value) + "' is not one non-negative number");
            }
            n = Long.parseLong(v);
        }
        return n;
    }

    private void expectEnd() throws MalformedHttpException {
        for (int i = pos; i < bytes.length; i++) {
            // A stray CRLF after a body is a known client quirk (RFC 9112 §9.3); anything else is not.
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                throw new MalformedHttpException((bytes.length - pos) + " bytes after the end of the message;"
                        + " expected none (a second, pipelined request?)");
            }
        }
    }

    /** Headers minus hop-by-hop ones, including those the Connection header names (RFC 9110 §7.6.1). */
    private static List<Header> endToEnd(List<Header> headers) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        String connection = joined(headers, "connection");
        if (connection != null) {
            for (String option : connection.split(",")) {
                drop.add(option.strip().toLowerCase(Locale.ROOT));
            }
        }
        return headers.stream().filter(h -> !drop.contains(h.name().toLowerCase(Locale.ROOT))).toList();
    }

    private static String joined(List<Header> headers, String lowerName) {
        String out = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(lowerName)) {
                out = out == null ? h.value() : out + ", " + h.value();
            }
        }
        return out;
    }

    /** The next line without its LF (and CR), or null if no LF is left. */
    String line() {
        for (int i = pos; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > pos && bytes[i - 1] == '\r' ? i - 1 : i;
                String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return line;
            }
        }
        return null;
    }

    int remaining() {
        return bytes.length - pos;
    }

    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }

    void copyTo(ByteArrayOutputStream out, int n) {
        out.write(bytes, pos, n);
        pos += n;
    }

    static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
