package io.shadowgate.replay;

import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of one HTTP/1.x response (its status line and header fields) as the replayer reads
 * it: the status, whether the connection may serve another request, how the body is framed,
 * and, only when asked, the header fields themselves and the latency a simulated target stated.
 *
 * <p>It reads what Netty's response decoder reads, as leniently: an empty line or blank before
 * the status line, a reason phrase that is missing, blanks around names and values, header
 * lines folded onto the next (RFC 9112 5.2), a Content-Length list whose values agree. It
 * refuses a status line that is not {@code HTTP/1.x} and a three-digit code, and
 * Content-Length values that are not a length or disagree (RFC 9112 6.3: a response the
 * client cannot frame is an error, not a guess).
 *
 * @param status        the status code
 * @param keepAlive     whether the connection may carry the next request (RFC 9112 9.3)
 * @param contentLength the body's length from Content-Length, or {@link #NO_LENGTH} when chunked or
 *                      not stated (and not chunked, the body then ends with the connection)
 * @param chunked       whether Transfer-Encoding names {@code chunked}: it then frames the body,
 *                      whatever Content-Length says (RFC 9112 6.3)
 * @param headers       the header fields in order, names as sent; empty unless asked for
 * @param statedNanos   the stated latency in nanoseconds; -1 when none, not asked for, or not a
 *                      count of microseconds
 */
record ResponseHead(int status, boolean keepAlive, long contentLength, boolean chunked, List<Header> headers,
                    long statedNanos) {

    static final long NO_LENGTH = -1;

    private static final byte[] CONTENT_LENGTH = lower("Content-Length");
    private static final byte[] TRANSFER_ENCODING = lower("Transfer-Encoding");
    private static final byte[] CONNECTION = lower("Connection");
    private static final byte[] STATED_LATENCY = lower(ReplayOptions.STATED_LATENCY_HEADER);
    private static final byte[] CHUNKED = lower("chunked");
    private static final byte[] CLOSE = lower("close");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");

    /** An interim response (100 Continue, 103 Early Hints): the final one is still to come. 101 is final. */
    boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }

    /**
     * Whether the response has no body whatever its headers say (RFC 9112 6.3): an answer to
     * HEAD, an interim one, 101, 204 and 304.
     */
    boolean bodiless(boolean toHead) {
        return toHead || status < 200 || status == 204 || status == 304;
    }

    /**
     * Reads the head in {@code bytes[0, length)}: the status line and the header lines, each
     * ended by LF or CRLF, up to and including the empty line after them.
     *
     * @param keepHeaders   whether to keep the header fields as strings (for comparison)
     * @param statedLatency whether to read the stated-latency header
     * @return the head, or null if it is not the head of an HTTP/1.x response
     */
    static ResponseHead parse(byte[] bytes, int length, boolean keepHeaders, boolean statedLatency) {
        int pos = 0;
        while (pos < length && isSpace(bytes[pos])) {
            pos++;
        }
        int eol = lineEnd(bytes, pos, length);
        // "HTTP/1.x" SP status-code [ SP reason-phrase ]
        if (eol - pos < 12 || !startsWith(bytes, pos, "HTTP/1.") || !isDigit(bytes[pos + 7])
                || !isBlank(bytes[pos + 8])) {
            return null;
        }
        boolean http10 = bytes[pos + 7] == '0';
        int code = pos + 9;
        while (code < eol && isBlank(bytes[code])) {
            code++;
        }
        if (eol - code < 3 || !isDigit(bytes[code]) || bytes[code] == '0' || !isDigit(bytes[code + 1])
                || !isDigit(bytes[code + 2]) || code + 3 < eol && !isBlank(bytes[code + 3])) {
            return null;
        }
        int status = (bytes[code] - '0') * 100 + (bytes[code + 1] - '0') * 10 + (bytes[code + 2] - '0');

        List<Header> headers = keepHeaders ? new ArrayList<>(8) : List.of();
        long contentLength = NO_LENGTH;
        boolean chunked = false;
        boolean close = false;
        boolean keepAliveAsked = false;
        long stated = -1;
        pos = next(bytes, eol, length);
        while (pos < length) {
            eol = lineEnd(bytes, pos, length);
            if (eol == pos) {
                break;
            }
            int end = eol;
            // Folded lines (obs-fold) continue this field's value: read them with it.
            int after = next(bytes, eol, length);
            while (after < length && isBlank(bytes[after])) {
                eol = lineEnd(bytes, after, length);
                after = next(bytes, eol, length);
            }
            int colon = indexOf(bytes, pos, end, (byte) ':');
            int nameEnd = trimEnd(bytes, pos, colon < 0 ? end : colon);
            int valueStart = colon < 0 ? end : trimStart(bytes, colon + 1, end);
            int valueEnd = colon < 0 ? end : trimEnd(bytes, valueStart, end);
            boolean folded = eol != end;
            if (nameIs(bytes, pos, nameEnd, CONTENT_LENGTH)) {
                long declared = contentLength(bytes, valueStart, valueEnd);
                if (declared < 0 || contentLength != NO_LENGTH && declared != contentLength) {
                    return null;
                }
                contentLength = declared;
            } else if (nameIs(bytes, pos, nameEnd, TRANSFER_ENCODING)) {
                chunked |= hasToken(bytes, valueStart, folded ? eol : valueEnd, CHUNKED);
            } else if (nameIs(bytes, pos, nameEnd, CONNECTION)) {
                close |= hasToken(bytes, valueStart, folded ? eol : valueEnd, CLOSE);
                keepAliveAsked |= hasToken(bytes, valueStart, folded ? eol : valueEnd, KEEP_ALIVE);
            } else if (statedLatency && nameIs(bytes, pos, nameEnd, STATED_LATENCY)) {
                stated = micros(bytes, valueStart, valueEnd);
            }
            if (keepHeaders) {
                String value = folded ? unfold(bytes, valueStart, eol) : text(bytes, valueStart, valueEnd);
                headers.add(new Header(text(bytes, pos, nameEnd), value));
            }
            pos = after;
        }
        // After 101 Switching Protocols the connection no longer speaks HTTP/1.1.
        boolean keepAlive = status != 101 && !close && (!http10 || keepAliveAsked);
        return new ResponseHead(status, keepAlive, chunked ? NO_LENGTH : contentLength, chunked,
                keepHeaders ? List.copyOf(headers) : headers, stated);
    }

    /** The index of the line's end (its CR of CRLF, or its LF) from {@code from}; {@code length} if none. */
    private static int lineEnd(byte[] bytes, int from, int length) {
        int lf = indexOf(bytes, from, length, (byte) '\n');
        if (lf < 0) {
            return length;
        }
        return lf > from && bytes[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /** The start of the line after the one ending at {@code eol}. */
    private static int next(byte[] bytes, int eol, int length) {
        if (eol < length && bytes[eol] == '\r') {
            eol++;
        }
        return Math.min(length, eol + 1);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Content-Length's value: one length, or a list of equal ones (RFC 9110 8.6); -1 if neither. */
    private static long contentLength(byte[] bytes, int from, int to) {
        long length = -1;
        int i = from;
        while (i < to) {
            int start = i;
            long value = 0;
            while (i < to && isDigit(bytes[i])) {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    return -1;
                }
                value = value * 10 + (bytes[i] - '0');
                i++;
            }
            if (i == start || length >= 0 && value != length) {
                return -1;
            }
            length = value;
            i = trimStart(bytes, i, to);
            if (i < to) {
                if (bytes[i] != ',') {
                    return -1;
                }
                i = trimStart(bytes, i + 1, to);
            }
        }
        return length;
    }

    /** Whether the comma-separated list in {@code [from, to)} holds {@code token}, case aside (folds count as blanks). */
    private static boolean hasToken(byte[] bytes, int from, int to, byte[] token) {
        int i = from;
        while (i < to) {
            int start = i;
            while (i < to && bytes[i] != ',') {
                i++;
            }
            int end = i;
            while (start < end && isSpace(bytes[start])) {
                start++;
            }
            while (end > start && isSpace(bytes[end - 1])) {
                end--;
            }
            if (nameIs(bytes, start, end, token)) {
                return true;
            }
            i++;
        }
        return false;
    }

    /** A whole count of microseconds as nanoseconds; -1 if the value is not one. */
    private static long micros(byte[] bytes, int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(bytes[i]) || value > (Long.MAX_VALUE / 1_000 - 9) / 10) {
                return -1;
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return value * 1_000;
    }

    /** Whether {@code [from, to)} is {@code lower} in any case. */
    private static boolean nameIs(byte[] bytes, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = bytes[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** A folded value: its lines joined by one space each, as Netty joins them. */
    private static String unfold(byte[] bytes, int from, int to) {
        StringBuilder value = new StringBuilder(to - from);
        int pos = from;
        while (pos < to) {
            int eol = Math.min(to, lineEnd(bytes, pos, to));
            int start = trimStart(bytes, pos, eol);
            int end = trimEnd(bytes, start, eol);
            if (end > start) {
                if (!value.isEmpty()) {
                    value.append(' ');
                }
                value.append(text(bytes, start, end));
            }
            pos = next(bytes, eol, to);
        }
        return value.toString();
    }

    /** Header bytes as text: one char a byte (ISO-8859-1), as Netty's decoder reads them. */
    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static int trimStart(byte[] bytes, int from, int to) {
        while (from < to && isBlank(bytes[from])) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] bytes, int from, int to) {
        while (to > from && isBlank(bytes[to - 1])) {
            to--;
        }
        return to;
    }

    private static boolean startsWith(byte[] bytes, int from, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isSpace(byte b) {
        return isBlank(b) || b == '\r' || b == '\n';
    }

    private static byte[] lower(String ascii) {
        return ascii.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }
}
