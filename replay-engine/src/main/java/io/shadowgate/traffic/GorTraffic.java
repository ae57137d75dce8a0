package io.shadowgate.traffic;

import io.shadowgate.traffic.GorRecordReader.GorRecord;
import io.shadowgate.traffic.HttpMessageParser.MalformedHttpException;
import io.shadowgate.traffic.HttpMessageParser.ParsedRequest;
import io.shadowgate.traffic.HttpMessageParser.ParsedResponse;
import io.shadowgate.traffic.ReorderWindow.Released;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Imports a GoReplay capture ({@code .gor}, or {@code .gor.gz}) as a stream of requests, each with
 * the original response GoReplay recorded for it (type 2 records, paired by id), if any. Single
 * consumer, like every {@link TrafficSource}.
 *
 * <p>Records may be out of timestamp order, and a response may come before or well after its
 * request, so requests pass through a {@link ReorderWindow}: they are released in timestamp
 * order once the stream is {@code reorderWindow} past them, and memory is bounded by that window,
 * not by the file. A request that arrives more than the window behind the newest timestamp is
 * never dropped: it is emitted at once, with its offset raised to the last emitted offset if it
 * is earlier (offsets never go back), and counted in {@link Counts#lateRequests()}. Pairing has
 * the same horizon: a response more than the window after its request (a request slower than the
 * window, or one that arrived late) is counted as unpaired and the request keeps {@code recorded = null}.
 *
 * <p>Offsets are microseconds from the first emitted request; ids count from 0 in emitted order.
 * Replayed responses (type 3) come from some earlier replay, on another clock, so they are
 * counted and skipped without touching the window. {@code sessionKey} stays null: GoReplay
 * records no session, and guessing one from cookies is a policy for a later stage.
 */
public final class GorTraffic implements TrafficSource {

    /** Enough for responses that take seconds and for capture threads that flush a little apart. */
    public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofSeconds(10);

    /**
     * What the import did with the records read so far; complete once the stream has ended.
     *
     * @param records           records read, of every type
     * @param requests          requests emitted
     * @param pairedResponses   original responses attached to their request
     * @param unpairedResponses original responses dropped: a repeat, or their request left the window or never came
     * @param replayedResponses type-3 records skipped
     * @param lateRequests      requests that arrived more than the window behind the newest timestamp
     * @param clampedOffsets    requests whose offset was raised to keep offsets from going back
     */
    public record Counts(long records, long requests, long pairedResponses, long unpairedResponses,
            long replayedResponses, long lateRequests, long clampedOffsets) {
    }

    private final Path file;
    private final InputStream in;
    private final GorRecordReader reader;
    private final ReorderWindow<ParsedRequest, RecordedResponse> window;

    private Request next;
    private boolean ended;
    private boolean closed;
    private long emitted;
    private long firstTimestamp;
    private long lastTimestamp;
    private long replayed;
    private long clamped;

    private GorTraffic(Path file, InputStream in, long windowNanos) {
        this.file = file;
        this.in = in;
        this.reader = new GorRecordReader(file, in);
        this.window = new ReorderWindow<>(windowNanos);
        // Read the first record now, so that an empty file or one that is not GoReplay fails at open.
        if (!read()) {
            window.finish();
        }
    }

    /** Opens {@code file} with the {@link #DEFAULT_REORDER_WINDOW}; gunzips when the name ends in {@code .gz}. */
    public static GorTraffic open(Path file) {
        return open(file, DEFAULT_REORDER_WINDOW);
    }

    /** Opens {@code file}; {@code reorderWindow} bounds both reordering and response pairing, and memory. */
    public static GorTraffic open(Path file, Duration reorderWindow) {
        Objects.requireNonNull(file, "file");
        if (reorderWindow.isNegative()) {
            throw new IllegalArgumentException("reorderWindow must be >= 0, was " + reorderWindow);
        }
        long windowNanos = reorderWindow.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : reorderWindow.toNanos();
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 256 * 1024);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            return new GorTraffic(file, in, windowNanos);
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            throw new TrafficFormatException(file, 0, -1, "no such file");
        } catch (ZipException e) {
            closeQuietly(in);
            throw new TrafficFormatException(file, 0, 0, "not a gzip file (" + e.getMessage() + "), though its name ends in .gz");
        } catch (EOFException e) {
            closeQuietly(in);
            throw new TrafficFormatException(file, 0, 0, "the gzip stream is truncated: it ends inside its header");
        } catch (IOException e) {
            closeQuietly(in);
            throw new TrafficFormatException(file, 0, 0, "cannot read: " + e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        while (next == null) {
            Released<ParsedRequest, RecordedResponse> r = window.poll();
            if (r != null) {
                next = toRequest(r);
            } else if (ended) {
                return false;
            } else if (!read()) {
                window.finish();
            }
        }
        return true;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Request r = next;
        next = null;
        return r;
    }

    /** What was read, emitted, paired and skipped so far. */
    public Counts counts() {
        return new Counts(reader.records(), emitted, window.pairedResponses(), window.unpairedResponses(), replayed,
                window.lateRequests(), clamped);
    }

    @Override
    public void close() {
        closed = true;
        ended = true;
        next = null;
        closeQuietly(in);
    }

    /** Feeds one record to the window; false at the end of the stream. */
    private boolean read() {
        if (ended) {
            return false;
        }
        GorRecord record = reader.next();
        if (record == null) {
            ended = true;
            return false;
        }
        try {
            switch (record.type()) {
                case 1 -> window.addRequest(record.id(), record.timestampNanos(), HttpMessageParser.parseRequest(record.payload()));
                case 2 -> window.addResponse(record.id(), record.timestampNanos(), response(record));
                default -> replayed++;
            }
        } catch (MalformedHttpException e) {
            String kind = record.type() == 1 ? "request: " : "response: ";
            String hint = record.separated() ? "" : " (the last record has no separator; was the capture cut off?)";
            throw new TrafficFormatException(file, record.number(), record.offset(), kind + e.getMessage() + hint);
        }
        return true;
    }

    private static RecordedResponse response(GorRecord record) throws MalformedHttpException {
        ParsedResponse p = HttpMessageParser.parseResponse(record.payload());
        long latencyMicros = record.latencyNanos() < 0 ? -1 : record.latencyNanos() / 1000;
        return new RecordedResponse(p.status(), p.headers(), p.body(), latencyMicros);
    }

    private Request toRequest(Released<ParsedRequest, RecordedResponse> r) {
        if (emitted == 0) {
            firstTimestamp = r.timestampNanos();
            lastTimestamp = firstTimestamp;
        }
        long timestamp = r.timestampNanos();
        if (timestamp < lastTimestamp) { // Only a late request can be behind what was already emitted.
            timestamp = lastTimestamp;
            clamped++;
        }
        lastTimestamp = timestamp;
        ParsedRequest p = r.request();
        return new Request(emitted++, (timestamp - firstTimestamp) / 1000, EndpointNames.of(p.method(), p.path()),
                p.method(), p.path(), p.headers(), p.body(), null, r.response());
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the stream was only read.
            }
        }
    }
}
