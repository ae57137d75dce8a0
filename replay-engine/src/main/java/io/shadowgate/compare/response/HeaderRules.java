package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which response headers are compared. Names are case-insensitive and kept in lower case;
 * {@code "*"} in {@code compared} means every header either response has. A name in
 * {@code ignored} is never compared, whatever {@code compared} says.
 *
 * @param compared headers to compare, or {@code ["*"]}
 * @param ignored  headers never compared: those that differ between any two responses
 */
public record HeaderRules(List<String> compared, List<String> ignored) {

    /** Only the content type: what the client parses the body by. */
    public static final List<String> DEFAULT_COMPARED = List.of("content-type");

    /** Headers that differ between two responses of one server by nature; they matter only with "*". */
    public static final List<String> DEFAULT_IGNORED = List.of(
            "date", "content-length", "transfer-encoding", "connection", "keep-alive", "age", "expires",
            "last-modified", "etag", "server-timing", "x-request-id", "x-trace-id", "traceparent", "set-cookie");

    /** {@link #DEFAULT_COMPARED} and {@link #DEFAULT_IGNORED}. */
    public static final HeaderRules DEFAULT = new HeaderRules(DEFAULT_COMPARED, DEFAULT_IGNORED);

    public HeaderRules {
        compared = names("compared", compared, true);
        ignored = names("ignored", ignored, false);
    }

    /** Every header except {@link #DEFAULT_IGNORED} and {@code extraIgnored}. */
    public static HeaderRules allExcept(List<String> extraIgnored) {
        List<String> ignored = new ArrayList<>(DEFAULT_IGNORED);
        ignored.addAll(extraIgnored);
        return new HeaderRules(List.of("*"), ignored);
    }

    /** Whether every header is compared (bar the ignored). */
    public boolean comparesAll() {
        return compared.contains("*");
    }

    /** Whether {@code lowerCaseName} is compared. */
    public boolean compares(String lowerCaseName) {
        return !ignored.contains(lowerCaseName) && (comparesAll() || compared.contains(lowerCaseName));
    }

    private static List<String> names(String what, List<String> names, boolean starAllowed) {
        if (names == null) {
            throw new IllegalArgumentException("header rules: the " + what + " list must be given (may be empty)");
        }
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("header rules: " + what + " header names must not be empty (were " + names + ")");
            }
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("*") && !starAllowed) {
                throw new IllegalArgumentException("header rules: '*' is allowed only in the compared list, not in " + what);
            }
            if (!lower.equals("*") && !isToken(lower)) {
                throw new IllegalArgumentException("header rules: '" + name + "' in " + what + " is not a header name");
            }
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return List.copyOf(out);
    }

    /** RFC 9110 token characters. */
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
