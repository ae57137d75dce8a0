package io.shadowgate.traffic;

import java.util.regex.Pattern;

/**
 * Names the endpoint of a recorded request when the source does not: the method and the
 * path without its query, with segments that look like identifiers folded into {@code {id}},
 * so {@code GET /users/123/orders/9f8e…} and {@code GET /users/77/orders/1a2b…} count as one
 * endpoint in metrics and gates instead of thousands.
 */
public final class EndpointNames {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HEX = Pattern.compile("(?i)[0-9a-f]{16,}");
    /** Long tokens mixing letters and digits: base64 ids, ULIDs, hashes. */
    private static final Pattern TOKEN = Pattern.compile("(?=.*\\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}");

    private EndpointNames() {
    }

    public static String of(String method, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        StringBuilder out = new StringBuilder(method.length() + path.length() + 1).append(method).append(' ');
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            out.append(isIdentifier(segment) ? "{id}" : segment);
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.toString();
    }

    private static boolean isIdentifier(String segment) {
        return !segment.isEmpty() && (NUMBER.matcher(segment).matches() || UUID.matcher(segment).matches()
                || HEX.matcher(segment).matches() || TOKEN.matcher(segment).matches());
    }
}
