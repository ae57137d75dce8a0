package io.shadowgate.compare.response;

import java.util.Objects;

/**
 * A response ready to compare: its body is parsed at most once, on first need, and only when
 * the two bodies of a pair are not byte-for-byte equal (equal bytes cannot differ under any
 * rule). Prepare the baseline once when it is compared with both the candidate and a second
 * baseline.
 *
 * <p>Thread-safe: the parse is idempotent and its result published through a volatile field,
 * so two threads at worst parse twice.
 */
public final class PreparedResponse {

    private final ResponseSnapshot snapshot;
    private volatile ParsedBody parsed;

    private PreparedResponse(ResponseSnapshot snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    public static PreparedResponse of(ResponseSnapshot snapshot) {
        return new PreparedResponse(snapshot);
    }

    public ResponseSnapshot snapshot() {
        return snapshot;
    }

    ParsedBody body() {
        ParsedBody p = parsed;
        if (p == null) {
            p = ParsedBody.parse(snapshot.body(), snapshot.contentType());
            parsed = p;
        }
        return p;
    }
}
