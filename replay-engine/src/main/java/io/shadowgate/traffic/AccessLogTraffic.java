package io.shadowgate.traffic;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an HTTP access log in Common or Combined Log Format (Apache's and nginx's
 * {@code combined}) as a traffic stream, lazily, gunzipping names ending in {@code .gz}. Each
 * line becomes a request with the logged method and path, the Referer and User-Agent when
 * logged, no body, and the logged status as its recorded response. Single consumer.
 *
 * <p><b>Send offsets.</b> Logs have one-second resolution, so the n requests logged in one
 * second are spread across it, in file order:
 * <ul>
 *   <li>seed 0: evenly, the k-th (from 0) at k/n s into the second, so three requests get
 *       +0, +333333 and +666666 µs;
 *   <li>any other seed: n offsets drawn uniformly from [0, 1 s) by a {@link SplittableRandom}
 *       seeded with it, sorted, so the same file and seed always give the same offsets.
 * </ul>
 * Offsets are whole microseconds from the start of the earliest second in the log (with seed 0
 * the first request is at 0) and never decrease.
 *
 * <p><b>Out-of-order lines.</b> Several workers writing one log leave lines a little out of
 * order. A line goes into its own second if that is at most {@value #REORDER_WINDOW_SECONDS} s
 * before the latest second read so far; a second is spread and handed out once a line more
 * than {@value #REORDER_WINDOW_SECONDS} s later has been read, or at the end of the file. An
 * older line is clamped to the oldest second still open (the latest minus
 * {@value #REORDER_WINDOW_SECONDS} s) and counted in {@link #clamped()}. Memory is thus bounded
 * by the lines of {@value #REORDER_WINDOW_SECONDS} + 1 seconds, whatever the log's length.
 *
 * <p><b>Bad lines.</b> A line that does not parse (including a request of {@code -} or TLS
 * bytes sent to a plain-HTTP port) is a {@link TrafficFormatException} naming the file, the
 * 1-based line number, the line's byte offset (in the decompressed stream) and what was
 * expected; with {@code skipBadLines} it is counted in {@link #skipped()} and described in
 * {@link #problems()} instead. Empty lines are skipped silently.
 */
public final class AccessLogTraffic implements TrafficSource {

    /** How far back in time, in seconds, a line may be and still be sent in its own second. */
    public static final int REORDER_WINDOW_SECONDS = 5;

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final byte[] NO_BODY = new byte[0];

    private final Path file;
    private final InputStream in;
    private final LineReader lines;
    private final boolean skipBadLines;
    private final SplittableRandom random;
    /** Lines read but not yet handed out, by (possibly clamped) second: at most the reorder window. */
    private final TreeMap<Long, List<AccessLogLine>> pending = new TreeMap<>();
    /** One second's requests, spread and ready to hand out. */
    private final ArrayDeque<Request> ready = new ArrayDeque<>();
    private final ProblemLog problems = new ProblemLog();

    private boolean eof;
    private boolean anyLine;
    private long lineNumber;
    private long latestSecond;
    private long originSecond;
    private boolean started;
    private long nextId;
    private long skipped;
    private long clamped;

    private AccessLogTraffic(Path file, InputStream in, long seed, boolean skipBadLines) {
        this.file = file;
        this.in = in;
        this.lines = new LineReader(in);
        this.skipBadLines = skipBadLines;
        this.random = seed == 0 ? null : new SplittableRandom(seed);
    }

    /** Opens {@code file}; a line that does not parse ends the stream with a {@link TrafficFormatException}. */
    public static AccessLogTraffic open(Path file, long seed) {
        return open(file, seed, false);
    }

    /** Opens {@code file}; with {@code skipBadLines}, lines that do not parse are counted and skipped. */
    public static AccessLogTraffic open(Path file, long seed, boolean skipBadLines) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 256 * 1024);
            if (TrafficFileWriter.isGzip(file)) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            return new AccessLogTraffic(file, in, seed, skipBadLines);
        } catch (NoSuchFileException e) {
            close(in);
            throw new TrafficFormatException(file, 0, -1, "no such file");
        } catch (ZipException e) {
            close(in);
            throw new TrafficFormatException(file, 0, 0, "not a gzip file (" + e.getMessage() + "), though its name ends in .gz");
        } catch (IOException e) {
            close(in);
            throw new TrafficFormatException(file, 0, -1, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            Map.Entry<Long, List<AccessLogLine>> oldest = pending.firstEntry();
            if (oldest != null && (eof || oldest.getKey() < latestSecond - REORDER_WINDOW_SECONDS)) {
                pending.pollFirstEntry();
                spread(oldest.getKey(), oldest.getValue());
            } else if (eof) {
                return false;
            } else {
                readLine();
            }
        }
        return true;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Lines that did not parse and were skipped (only with {@code skipBadLines}). */
    public long skipped() {
        return skipped;
    }

    /** Lines older than the reorder window, sent in the oldest open second instead of their own. */
    public long clamped() {
        return clamped;
    }

    /** What was wrong, in words: at most {@value ProblemLog#MAX_KEPT}, then a count. */
    public List<String> problems() {
        return problems.lines();
    }

    @Override
    public void close() {
        close(in);
    }

    private void readLine() {
        try {
            if (!lines.next()) {
                eof = true;
                return;
            }
        } catch (EOFException e) {
            throw new TrafficFormatException(file, lineNumber + 1, lines.offset(), "the gzip stream ends early; the file is truncated");
        } catch (IOException e) {
            throw new TrafficFormatException(file, lineNumber + 1, lines.offset(), "cannot read: " + e.getMessage());
        }
        lineNumber++;
        byte[] bytes = lines.bytes();
        int length = lines.length();
        while (length > 0 && (bytes[length - 1] == '\r' || bytes[length - 1] == ' ')) {
            length--; // CRLF logs, trailing blanks
        }
        if (length == 0) {
            return;
        }
        AccessLogLine line;
        try {
            // Latin-1 keeps one char per byte, so the parser can rebuild escaped bytes exactly.
            line = AccessLogLine.parse(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            badLine(e.getMessage());
            return;
        }
        long second = line.epochSecond();
        if (!anyLine || second > latestSecond) {
            anyLine = true;
            latestSecond = second;
        } else if (second < latestSecond - REORDER_WINDOW_SECONDS) {
            // Every second before this one has been handed out already (hasNext reads only when
            // none is due), so this is the earliest second the line can still go in.
            second = latestSecond - REORDER_WINDOW_SECONDS;
            clamped++;
        }
        pending.computeIfAbsent(second, s -> new ArrayList<>()).add(line);
    }

    /** Turns one second's lines into requests, spread across the second by the documented rule. */
    private void spread(long second, List<AccessLogLine> inSecond) {
        if (!started) {
            started = true;
            originSecond = second;
        }
        int n = inSecond.size();
        long[] within = new long[n];
        for (int k = 0; k < n; k++) {
            within[k] = random == null ? k * MICROS_PER_SECOND / n : random.nextLong(MICROS_PER_SECOND);
        }
        if (random != null) {
            Arrays.sort(within);
        }
        long base = (second - originSecond) * MICROS_PER_SECOND;
        for (int k = 0; k < n; k++) {
            ready.add(request(inSecond.get(k), base + within[k]));
        }
    }

    private Request request(AccessLogLine line, long offsetMicros) {
        List<Header> headers = new ArrayList<>(2);
        if (line.referer() != null) {
            headers.add(new Header("Referer", line.referer()));
        }
        if (line.userAgent() != null) {
            headers.add(new Header("User-Agent", line.userAgent()));
        }
        // The log's byte count is the size production sent, not a body we could compare.
        RecordedResponse recorded = new RecordedResponse(line.status(), List.of(), NO_BODY, -1);
        // The client address is the only per-user identity a log line has. Partitioning by it
        // keeps one client's requests in order on one connection; clients behind one NAT or
        // proxy share a key, which is coarser but never splits a user's session.
        return new Request(nextId++, offsetMicros, EndpointNames.of(line.method(), line.path()), line.method(),
                line.path(), List.copyOf(headers), NO_BODY, line.host(), recorded);
    }

    private void badLine(String detail) {
        TrafficFormatException e = new TrafficFormatException(file, lineNumber, lines.offset(), detail);
        if (!skipBadLines) {
            throw e;
        }
        skipped++;
        problems.add(e);
    }

    private static void close(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the stream was only read.
            }
        }
    }
}
