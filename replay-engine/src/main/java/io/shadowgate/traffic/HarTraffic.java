package io.shadowgate.traffic;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Replays a browser's HAR 1.2 export (Chrome, Firefox, Charles, mitmproxy...): entries in
 * {@code startedDateTime} order, the earliest at offset 0. Single consumer, like every
 * {@link TrafficSource}.
 *
 * <p><b>Unlike the other traffic formats, a HAR file is held in memory.</b> It is one JSON
 * document whose entries need not be in time order, so it has to be read whole before the
 * first request can be handed out. Browser exports are bounded (one session of one browser),
 * and the memory is kept lean: the document is stream-parsed, each entry is cut down to a
 * compact {@link HarEntry} as soon as it is read, and entries are released as they are replayed.
 *
 * <p>What is kept of an entry:
 * <ul>
 *   <li>the method and the path with its raw query; scheme, host and fragment are dropped
 *       because the replayer aims at its own hosts;
 *   <li>request headers in order, minus HTTP/2 pseudo-headers, hop-by-hop headers, Host and
 *       Content-Length (the replayer sets those). Cookie and Authorization stay: redaction is
 *       a separate stage, not the importer's job;
 *   <li>the body from {@code postData.text}, else {@code postData.params} form-encoded
 *       ({@code application/x-www-form-urlencoded}). Params of a file upload
 *       ({@code fileName} set) contribute only their name and value, since HAR does not
 *       carry the file's bytes;
 *   <li>the recorded response (status, filtered headers, {@code content.text} base64-decoded
 *       when so marked, {@code time} as latency), or none for status 0;
 *   <li>no session key: HAR has no notion of a session or a user.
 * </ul>
 * Fields prefixed with '_' and any other field not listed above are ignored. Problems are
 * {@link TrafficFormatException}s: record 0 for the document as a whole, else the 1-based
 * entry number in the file and the field at fault.
 */
public final class HarTraffic implements TrafficSource {

    /** Sorted by start; a replayed slot is set to null so its bodies can be collected. */
    private List<HarEntry> entries;
    private final long originMicros;
    private int position;

    private HarTraffic(List<HarEntry> entries) {
        // List.sort is a stable merge sort: entries started in the same microsecond keep file order.
        entries.sort(Comparator.comparingLong(HarEntry::startedMicros));
        this.entries = entries;
        this.originMicros = entries.isEmpty() ? 0 : entries.get(0).startedMicros();
    }

    /**
     * Reads and sorts {@code file}.
     *
     * @throws TrafficFormatException if the file is missing, is not a HAR document, or has an
     *                                entry without a required field
     */
    public static HarTraffic open(Path file) {
        return new HarTraffic(HarReader.read(file));
    }

    @Override
    public boolean hasNext() {
        return position < entries.size();
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        HarEntry entry = entries.set(position, null);
        Request request = entry.toRequest(position, entry.startedMicros() - originMicros);
        position++;
        return request;
    }

    /** Drops the entries not yet replayed; there is no file left open. Safe to call again. */
    @Override
    public void close() {
        entries = List.of();
        position = 0;
    }
}
