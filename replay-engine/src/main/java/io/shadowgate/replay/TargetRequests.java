package io.shadowgate.replay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests as one target gets them: the target's Host first, unless one of its headers is a
 * Host; the request's own headers but those set here; the target's headers (the last of each
 * name; none that the replayer sets itself); the request id; the body's length, unless the body
 * is empty and the method gives it no meaning. Expect is never sent: nothing here waits for an
 * interim answer.
 *
 * <p>The replayer writes each request's bytes itself ({@link #encode}); {@link #toHttp} gives
 * the same request as Netty's message. The request's own headers are validated as they are
 * written, as Netty validates headers, and the target's once. Immutable.
 */
public final class TargetRequests {

    public static final String REQUEST_ID_HEADER = "X-Shadowgate-Request-Id";
    private static final AsciiString REQUEST_ID = AsciiString.cached(REQUEST_ID_HEADER);
    /** Names the replayer sets or drops on every request, whatever the request or the target says. */
    private static final List<AsciiString> SET_BY_THE_REPLAYER =
            List.of(HttpHeaderNames.EXPECT, REQUEST_ID, HttpHeaderNames.CONTENT_LENGTH);

    private static final byte[] VERSION_LINE = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_ID_BYTES = (REQUEST_ID_HEADER + ": ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH_BYTES = (HttpHeaderNames.CONTENT_LENGTH + ": ").getBytes(StandardCharsets.US_ASCII);
    private static final int COLON_SPACE = ':' << 8 | ' ';
    private static final int CRLF = '\r' << 8 | '\n';

    private final CharSequence[] hostPair;
    private final CharSequence[] targetPairs;
    /** The Host header and the target's headers as {@link #encode} writes them. */
    private final byte[] hostBytes;
    private final byte[] targetBytes;
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
        this.hostBytes = headerLines(hostPair);
        this.targetBytes = headerLines(targetPairs);
    }

    /**
     * {@code request} as this target gets it, on the wire: the bytes Netty's
     * {@code HttpRequestEncoder} writes for {@link #toHttp}, in one buffer from {@code alloc}.
     * The event loop writes this for every exchange: building Netty's request and encoding it
     * were 7 % of a saturated event loop's profile, and writing the bytes here raised the rate
     * at saturation by 4 % (bench/README.md, "A decoder of its own"; {@code
     * RequestEncodingBenchmark}: 117 ns a request against 425). The checks are Netty's own
     * ({@code HttpHeaderValidationUtil}, {@code HttpUtil.isEncodingSafeStartLineToken}), and
     * {@code TargetRequestsTest} holds the bytes to its encoder's.
     *
     * @throws IllegalArgumentException when the method, the path or a header cannot be sent as it is
     */
    public ByteBuf encode(Request request, ByteBufAllocator alloc) {
        if (invalid != null) {
            throw invalid;
        }
        String method = request.method();
        if (method.isEmpty() || HttpHeaderValidationUtil.validateToken(method) != -1) {
            throw new IllegalArgumentException("the method is not a token: " + method);
        }
        String path = request.path().isEmpty() ? "/" : request.path();
        if (!HttpUtil.isEncodingSafeStartLineToken(path)) {
            throw new IllegalArgumentException("the path cannot hold a space or a line break: " + path);
        }
        List<Header> headers = request.headers();
        byte[] body = request.body();
        int size = method.length() + 3 * path.length() + 11 + hostBytes.length + targetBytes.length
                + REQUEST_ID_BYTES.length + 20 + 2 + CONTENT_LENGTH_BYTES.length + 10 + 2 + 2 + body.length;
        for (Header header : headers) {
            size += header.name().length() + header.value().length() + 4;
        }
        ByteBuf out = alloc.buffer(size);
        try {
            out.writeCharSequence(method, StandardCharsets.US_ASCII);
            out.writeByte(' ');
            out.writeCharSequence(path, StandardCharsets.UTF_8);
            out.writeBytes(VERSION_LINE);
            out.writeBytes(hostBytes);
            for (Header header : headers) {
                if (!replaces(header.name())) {
                    out.writeCharSequence(validName(header.name()), StandardCharsets.US_ASCII);
                    out.writeShort(COLON_SPACE);
                    out.writeCharSequence(validValue(header.value()), StandardCharsets.US_ASCII);
                    out.writeShort(CRLF);
                }
            }
            out.writeBytes(targetBytes);
            out.writeBytes(REQUEST_ID_BYTES);
            writeDecimal(out, request.id());
            out.writeShort(CRLF);
            if (body.length > 0 || takesContent(method)) {
                out.writeBytes(CONTENT_LENGTH_BYTES);
                writeDecimal(out, body.length);
                out.writeShort(CRLF);
            }
            out.writeShort(CRLF);
            out.writeBytes(body);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** {@code value} (not negative) in decimal digits, without a string for it. */
    private static void writeDecimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int i = end - 1; i >= out.writerIndex(); i--) {
            out.setByte(i, '0' + (int) (value % 10));
            value /= 10;
        }
        out.writerIndex(end);
    }

    /**
     * {@code request} as this target gets it, as Netty's message: what {@link #encode} writes,
     * for a client that encodes with Netty's codec (the bench's Netty-alone floor) and as the
     * reference {@code encode} is held to.
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

    /** "name: value" CRLF for each pair, in the bytes Netty's encoder writes. */
    private static byte[] headerLines(CharSequence[] pairs) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            lines.append(pairs[i]).append(": ").append(pairs[i + 1]).append("\r\n");
        }
        ByteBuf bytes = Unpooled.buffer(lines.length());
        bytes.writeCharSequence(lines, StandardCharsets.US_ASCII);
        return ByteBufUtil.getBytes(bytes);
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
