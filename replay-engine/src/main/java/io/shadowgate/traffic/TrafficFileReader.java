package io.shadowgate.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a traffic file as a stream: one line in memory at a time, whatever the file's size,
 * and requests that share their repeated values (see {@link SharedValues}), so a replay holding
 * many of them in flight holds each method, path and header list once.
 * Checks as it goes that ids count up, offsets never go back, and at the end that the trailer
 * matches the records read (count and SHA-256). Problems are {@link TrafficFormatException}s
 * naming the record and byte offset (in the decompressed stream for {@code .gz}); with
 * {@code skipBadRecords} a malformed record is counted, skipped and listed in
 * {@link #problems()} instead, and so are trailer problems. Single consumer.
 */
public final class TrafficFileReader implements TrafficSource {

    private static final ObjectReader LINE = TrafficLines.JSON.reader();

    private final Path file;
    private final InputStream in;
    private final LineReader lines;
    private final boolean skipBadRecords;
    private final TrafficHeader header;
    private final MessageDigest digest = TrafficFileWriter.newDigest();
    private final ProblemLog problems = new ProblemLog();
    /** Repeated values of the records, shared between the requests read (bounded). */
    private final SharedValues shared = new SharedValues();

    private Request next;
    private long records;
    private long skipped;
    private long lastOffset;
    private boolean finished;
    private String sha256;

    private TrafficFileReader(Path file, InputStream in, boolean skipBadRecords) {
        this.file = file;
        this.in = in;
        this.lines = new LineReader(in);
        this.skipBadRecords = skipBadRecords;
        if (!readLine()) {
            throw new TrafficFormatException(file, 0, 0, "the file is empty; expected a traffic header line");
        }
        this.header = parseHeader(lines.offset());
    }

    /** Opens {@code file} and reads its header. */
    public static TrafficFileReader open(Path file, boolean skipBadRecords) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 256 * 1024);
            if (TrafficFileWriter.isGzip(file)) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            return new TrafficFileReader(file, in, skipBadRecords);
        } catch (NoSuchFileException e) {
            close(in);
            throw new TrafficFormatException(file, 0, -1, "no such file");
        } catch (ZipException e) {
            close(in);
            throw new TrafficFormatException(file, 0, 0, "not a gzip file (" + e.getMessage() + "), though its name ends in .gz");
        } catch (IOException e) {
            close(in);
            throw new TrafficFormatException(file, 0, -1, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            close(in);
            throw e;
        }
    }

    public TrafficHeader header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            advance();
        }
        return next != null;
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

    /** Records read and returned. */
    public long records() {
        return records - skipped;
    }

    /** Malformed records skipped (only with {@code skipBadRecords}). */
    public long skipped() {
        return skipped;
    }

    /** What was wrong, in words, for the verdict: at most {@value ProblemLog#MAX_KEPT}, then a count. */
    public List<String> problems() {
        return problems.lines();
    }

    /** SHA-256 of the record lines as read, hex; known once the stream has ended. */
    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        close(in);
    }

    private void advance() {
        while (true) {
            long recordNumber = records + 1;
            if (!readLine()) {
                finish(recordNumber, "the file ends after " + records + " records without a trailer line; truncated?");
                return;
            }
            long offset = lines.offset();
            byte[] bytes = lines.bytes();
            int length = lines.length();
            JsonNode node;
            try {
                node = LINE.readTree(bytes, 0, length);
            } catch (IOException e) {
                digest.update(bytes, 0, length);
                digest.update((byte) '\n');
                records++;
                badRecord(recordNumber, offset, "not a JSON object: " + firstLine(e));
                continue;
            }
            if (node != null && TrafficLines.isTrailer(node)) {
                checkTrailer(recordNumber, offset, node);
                return;
            }
            digest.update(bytes, 0, length);
            digest.update((byte) '\n');
            records++;
            if (!lines.terminated()) {
                badRecord(recordNumber, offset, "the last line is cut short (no newline, no trailer); truncated?");
                continue;
            }
            try {
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("expected a JSON object");
                }
                Request request = TrafficLines.parseRecord(node, recordNumber - 1, shared);
                if (request.offsetMicros() < lastOffset) {
                    throw new IllegalArgumentException("offsetMicros goes back in time (" + request.offsetMicros()
                            + " after " + lastOffset + "); records must be in send order");
                }
                lastOffset = request.offsetMicros();
                next = request;
                return;
            } catch (IllegalArgumentException e) {
                badRecord(recordNumber, offset, e.getMessage());
            }
        }
    }

    private void checkTrailer(long recordNumber, long offset, JsonNode node) {
        sha256 = HexFormat.of().formatHex(digest.digest());
        try {
            long expected = TrafficLines.trailerRecords(node);
            String expectedSha = TrafficLines.trailerSha256(node);
            if (expected != records) {
                problem(recordNumber, offset, "the trailer says " + expected + " records, the file has " + records);
            } else if (!expectedSha.equalsIgnoreCase(sha256)) {
                problem(recordNumber, offset, "the trailer's SHA-256 " + expectedSha
                        + " does not match the records' " + sha256 + "; the file was changed or damaged");
            }
        } catch (IllegalArgumentException e) {
            problem(recordNumber, offset, "malformed trailer: " + e.getMessage());
        }
        finished = true;
        try {
            if (readLine()) {
                problem(recordNumber + 1, lines.offset(), "lines after the trailer; expected the end of the file");
            }
        } catch (TrafficFormatException e) {
            if (!skipBadRecords) {
                throw e;
            }
        }
    }

    private void finish(long recordNumber, String detail) {
        sha256 = HexFormat.of().formatHex(digest.digest());
        finished = true;
        problem(recordNumber, lines.offset() + lines.length(), detail);
    }

    private void badRecord(long recordNumber, long offset, String detail) {
        skipped++;
        problem(recordNumber, offset, detail);
    }

    /** Fatal without {@code skipBadRecords}; otherwise remembered for the verdict. */
    private void problem(long recordNumber, long offset, String detail) {
        TrafficFormatException e = new TrafficFormatException(file, recordNumber, offset, detail);
        if (!skipBadRecords) {
            throw e;
        }
        problems.add(e);
    }

    private boolean readLine() {
        try {
            return lines.next();
        } catch (EOFException e) {
            throw new TrafficFormatException(file, records + 1, lines.offset(),
                    "the gzip stream ends early; the file is truncated");
        } catch (IOException e) {
            throw new TrafficFormatException(file, records + 1, lines.offset(), "cannot read: " + e.getMessage());
        }
    }

    private TrafficHeader parseHeader(long offset) {
        try {
            JsonNode node = LINE.readTree(lines.bytes(), 0, lines.length());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return TrafficLines.parseHeader(node);
        } catch (JsonProcessingException e) {
            throw new TrafficFormatException(file, 0, offset, "the header line is not JSON: " + firstLine(e)
                    + "; is this a traffic file?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new TrafficFormatException(file, 0, offset, "header line: " + e.getMessage());
        }
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
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
