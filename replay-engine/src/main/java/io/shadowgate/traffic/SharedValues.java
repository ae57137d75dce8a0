package io.shadowgate.traffic;

import java.util.List;

/**
 * Hands out one shared instance for values that repeat from record to record of a stream:
 * methods, endpoint names, paths, session keys, header names and values, whole header lists.
 * A replay that falls behind its schedule holds every request due but not yet answered (up to
 * rate × request timeout of them, hundreds of thousands on a busy run), and without this each
 * would carry its own copies of the same few strings.
 *
 * <p>Bounded whatever the stream holds: each kind of value has a fixed table of slots indexed
 * by hash, and a value not in its slot takes the slot's place. A stream of ever-new values
 * (unique paths, one session per user) therefore costs nothing more than the table, and a value
 * that repeats is shared as long as no other value keeps taking its slot. Single-threaded: one
 * per reader.
 */
final class SharedValues {

    /** Slots for strings: far more than the distinct methods, endpoints and headers of an API. */
    static final int TEXT_SLOTS = 4096;
    /** Slots for header lists: one per distinct combination of headers, and clients send few. */
    static final int HEADER_LIST_SLOTS = 1024;

    private final Object[] texts = new Object[TEXT_SLOTS];
    private final Object[] headerLists = new Object[HEADER_LIST_SLOTS];

    /** {@code value}, or an equal string this table handed out before; null stays null. */
    String text(String value) {
        return value == null ? null : share(texts, value);
    }

    /** A header with shared name and value. */
    Header header(String name, String value) {
        return new Header(text(name), text(value));
    }

    /** {@code headers} (unmodifiable), or an equal list this table handed out before. */
    List<Header> headers(List<Header> headers) {
        return headers.isEmpty() ? List.of() : share(headerLists, headers);
    }

    @SuppressWarnings("unchecked")
    private static <T> T share(Object[] slots, T value) {
        int h = value.hashCode();
        int slot = (h ^ (h >>> 16)) & (slots.length - 1);
        Object held = slots[slot];
        if (value.equals(held)) {
            return (T) held;
        }
        slots[slot] = value;
        return value;
    }
}
