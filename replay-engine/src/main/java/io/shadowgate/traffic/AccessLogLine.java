package io.shadowgate.traffic;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * One parsed access-log line in Common or Combined Log Format. A hand parser rather than a
 * regex so that escaped quotes ({@code \"}) inside quoted fields, and nginx's and Apache's
 * {@code \xHH} escapes, are decoded instead of ending the field early.
 *
 * <p>The line is given as ISO-8859-1 text, one char per byte, so that unescaping can rebuild
 * the original bytes exactly; header values are then decoded as UTF-8.
 *
 * @param host        the client address ({@code %h}), or null for {@code -}
 * @param epochSecond the timestamp ({@code %t}) as seconds since the epoch
 * @param method      the request method
 * @param path        path and query, starting with '/', with bytes a request-target may not hold percent-encoded
 * @param status      the final status ({@code %>s})
 * @param referer     the Referer header, or null when absent or {@code -}
 * @param userAgent   the User-Agent header, or null when absent or {@code -}
 */
record AccessLogLine(String host, long epochSecond, String method, String path, int status, String referer,
        String userAgent) {

    static final String EXPECTED = "expected Common or Combined Log Format: "
            + "HOST IDENT USER [TIME] \"REQUEST\" STATUS BYTES [\"REFERER\" \"USER-AGENT\"]";

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int TIME_LENGTH = "[10/Oct/2000:13:55:36 -0700]".length();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Parses {@code line}; IllegalArgumentException saying which field is wrong and what was expected. */
    static AccessLogLine parse(String line) {
        Cursor c = new Cursor(line);
        String host = c.token("HOST");
        c.token("IDENT");
        c.token("USER");
        long second = c.time();
        String request = c.quoted("\"REQUEST\"");
        int status = c.status();
        c.token("BYTES");
        String referer = null;
        String userAgent = null;
        if (!c.atEnd()) {
            referer = header(c.quoted("\"REFERER\""));
            userAgent = header(c.quoted("\"USER-AGENT\""));
            // Anything after Combined is ignored: nginx's stock "main" format adds "$http_x_forwarded_for".
        }
        int sp = request.indexOf(' ');
        if (request.equals("-") || sp <= 0 || !isMethod(request, sp)) {
            throw c.fail("the request \"" + snippet(request) + "\" is not METHOD PATH [PROTOCOL]");
        }
        String target = request.substring(sp + 1).strip();
        int protocol = target.lastIndexOf(" HTTP/");
        if (protocol >= 0) {
            target = target.substring(0, protocol).strip();
        }
        String path = path(target);
        if (path == null) {
            throw c.fail("the request target \"" + snippet(target) + "\" is neither /PATH nor http(s)://HOST/PATH");
        }
        return new AccessLogLine("-".equals(host) ? null : host, second, request.substring(0, sp), path, status,
                referer, userAgent);
    }

    private static boolean isMethod(String request, int end) {
        for (int i = 0; i < end; i++) {
            char ch = request.charAt(i);
            boolean letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
            if (!letter && !(i > 0 && ((ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** The origin-form of {@code target}, or null; proxies log absolute-form, which we reduce to its path. */
    private static String path(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/")) {
            return null;
        }
        // Raw spaces, controls and non-ASCII bytes cannot be sent in a request line; percent-encode
        // them as a browser would, rather than dropping the request.
        StringBuilder out = null;
        for (int i = 0; i < target.length(); i++) {
            char ch = target.charAt(i);
            boolean plain = ch > 0x20 && ch < 0x7f;
            if (!plain && out == null) {
                out = new StringBuilder(target.length() + 16).append(target, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.append(ch);
                } else {
                    out.append('%').append(HEX[(ch >> 4) & 0xf]).append(HEX[ch & 0xf]);
                }
            }
        }
        return out == null ? target : out.toString();
    }

    private static String header(String latin1) {
        return latin1.equals("-") || latin1.isEmpty() ? null
                : new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** At most 60 chars of {@code s}, with control and non-ASCII bytes shown as \xHH the way the log wrote them. */
    private static String snippet(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 60); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7f) {
                out.append(ch);
            } else {
                out.append("\\x").append(HEX[(ch >> 4) & 0xf]).append(HEX[ch & 0xf]);
            }
        }
        return s.length() <= 60 ? out.toString() : out.append('…').toString();
    }

    /** Walks the line field by field; each field skips the spaces before it. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            skipSpaces();
            return pos >= s.length();
        }

        String token(String field) {
            skipSpaces();
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ') {
                pos++;
            }
            if (pos == start) {
                throw fail("the line ends before " + field);
            }
            return s.substring(start, pos);
        }

        int status() {
            String token = token("STATUS");
            if (token.length() != 3 || token.charAt(0) < '1' || token.charAt(0) > '5'
                    || !Character.isDigit(token.charAt(1)) || !Character.isDigit(token.charAt(2))) {
                throw fail("STATUS \"" + snippet(token) + "\" is not a status code 100-599");
            }
            return Integer.parseInt(token);
        }

        /** [dd/MMM/yyyy:HH:mm:ss ±hhmm], any offset, to epoch seconds. */
        long time() {
            skipSpaces();
            int t = pos;
            if (t + TIME_LENGTH > s.length() || s.charAt(t) != '[' || s.charAt(t + TIME_LENGTH - 1) != ']'
                    || s.charAt(t + 3) != '/' || s.charAt(t + 7) != '/' || s.charAt(t + 12) != ':'
                    || s.charAt(t + 15) != ':' || s.charAt(t + 18) != ':' || s.charAt(t + 21) != ' ') {
                throw fail("TIME is not [dd/Mon/yyyy:HH:mm:ss +hhmm]");
            }
            int month = -1;
            for (int m = 0; m < 12; m++) {
                if (s.regionMatches(true, t + 4, MONTHS[m], 0, 3)) {
                    month = m + 1;
                }
            }
            char sign = s.charAt(t + 22);
            int day = digits(t + 1, 2);
            int year = digits(t + 8, 4);
            int hour = digits(t + 13, 2);
            int minute = digits(t + 16, 2);
            int sec = digits(t + 19, 2);
            int offset = digits(t + 23, 2) * 3600 + digits(t + 25, 2) * 60;
            if (month < 0 || (sign != '+' && sign != '-') || hour > 23 || minute > 59 || sec > 60 || offset > 18 * 3600) {
                throw fail("TIME \"" + s.substring(t, t + TIME_LENGTH) + "\" is not a valid [dd/Mon/yyyy:HH:mm:ss +hhmm]");
            }
            long days;
            try {
                days = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                throw fail("TIME \"" + s.substring(t, t + TIME_LENGTH) + "\" is not a date: " + e.getMessage());
            }
            pos = t + TIME_LENGTH;
            return days * 86_400 + hour * 3600L + minute * 60L + sec - (sign == '+' ? offset : -offset);
        }

        private int digits(int from, int n) {
            int v = 0;
            for (int i = from; i < from + n; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    throw fail("TIME is not [dd/Mon/yyyy:HH:mm:ss +hhmm]");
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }

        /** A "..." field with its escapes decoded (\" \\ \xHH and Apache's \n \r \t \b \v \f), as Latin-1. */
        String quoted(String field) {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw fail(pos >= s.length() ? "the line ends before " + field : field + " does not start with a quote");
            }
            int start = ++pos;
            StringBuilder out = null;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '"') {
                    String value = out == null ? s.substring(start, pos) : out.toString();
                    pos++;
                    if (pos < s.length() && s.charAt(pos) != ' ') {
                        throw fail(field + " is followed by \"" + snippet(s.substring(pos)) + "\"; an unescaped quote inside it?");
                    }
                    return value;
                }
                if (ch != '\\' || pos + 1 >= s.length()) {
                    if (out != null) {
                        out.append(ch);
                    }
                    pos++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder().append(s, start, pos);
                }
                char e = s.charAt(pos + 1);
                int hex = e == 'x' && pos + 3 < s.length() ? hexByte(pos + 2) : -1;
                switch (e) {
                    case '"', '\\' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'v' -> out.append('\u000b');
                    case 'f' -> out.append('\f');
                    default -> {
                        if (hex >= 0) {
                            out.append((char) hex);
                        } else {
                            out.append('\\').append(e); // not an escape we know: keep it as written
                        }
                    }
                }
                pos += hex >= 0 ? 4 : 2;
            }
            throw fail(field + " has no closing quote");
        }

        private int hexByte(int at) {
            int hi = Character.digit(s.charAt(at), 16);
            int lo = Character.digit(s.charAt(at + 1), 16);
            return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
        }

        private void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }

        IllegalArgumentException fail(String what) {
            return new IllegalArgumentException(EXPECTED + "; " + what + " (column " + (Math.min(pos, s.length()) + 1) + ")");
        }
    }
}
