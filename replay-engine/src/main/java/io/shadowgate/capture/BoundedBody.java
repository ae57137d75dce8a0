package io.shadowgate.capture;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The first {@code limit} bytes of a body that streams past, and how long it was in all. Used
 * on one event loop only. Memory grows with the bytes kept, never beyond the limit.
 */
final class BoundedBody {

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 1024;

    private final int limit;
    private byte[] bytes = EMPTY;
    private int kept;
    private long seen;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    /** Copies what still fits of {@code content}'s readable bytes, leaving its indexes alone. */
    void append(ByteBuf content) {
        int n = content.readableBytes();
        seen += n;
        int keep = Math.min(n, limit - kept);
        if (keep <= 0) {
            return;
        }
        if (kept + keep > bytes.length) {
            int capacity = Math.max(FIRST_CAPACITY, bytes.length * 2);
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(capacity, kept + keep)));
        }
        content.getBytes(content.readerIndex(), bytes, kept, keep);
        kept += keep;
    }

    /** Whether bytes were left out. */
    boolean truncated() {
        return seen > kept;
    }

    /** The bytes kept. */
    byte[] toArray() {
        return kept == bytes.length ? bytes : Arrays.copyOf(bytes, kept);
    }
}
