package io.shadowgate.traffic;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Splits a GoReplay stream into records: a header line {@code TYPE ID TIMESTAMP_NS [LATENCY_NS]},
 * the raw HTTP message, then the separator {@code \n🐵🙈🙉\n}. One record in memory at a time.
 * Byte offsets count the (decompressed) stream. Single-threaded.
 */
final class GorRecordReader {

    /** One record; {@code latencyNanos} is -1 when the header has no 4th field (older GoReplay). */
    record GorRecord(long number, long offset, int type, String id, long timestampNanos, long latencyNanos,
            byte[] payload, boolean separated) {
    }

    /** GoReplay's default --copy-buffer-size is 5 MB; far above it, the framing is surely wrong. */
    static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /** The separator line without its two newlines; the first ends the payload's last line. */
    private static final byte[] SEPARATOR = "🐵🙈🙉".getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final LineReader lines;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream(4096);
    private long records;
    private long recordOffset;
    private boolean sawSeparator;

    GorRecordReader(Path file, InputStream in) {
        this.file = file;
        this.lines = new LineReader(in);
    }

    /** Records read so far. */
    long records() {
        return records;
    }

    /** The next record, or null at the end of the stream. */
    GorRecord next() {
        long number = records + 1;
        do { // Blank lines between records carry nothing; tolerate them rather than fail.
            if (!readLine(number)) {
                if (number == 1) {
                    throw new TrafficFormatException(file, 0, 0, "the file is empty; expected GoReplay records");
                }
                return null;
            }
        } while (lines.length() == 0 || (lines.length() == 1 && lines.bytes()[0] == '\r'));
        records = number;
        long offset = lines.offset();
        recordOffset = offset;
        String header = new String(lines.bytes(), 0, lines.length(), StandardCharsets.ISO_8859_1).strip();
        payload.reset();
        boolean first = true;
        boolean separated = false;
        boolean lastTerminated = false;
        while (readLine(number)) {
            if (isSeparator()) {
                separated = true;
                break;
            }
            if (!first) {
                payload.write('\n'); // Re-join: the reader dropped it, and it belongs to the payload.
            }
            payload.write(lines.bytes(), 0, lines.length());
            first = false;
            lastTerminated = lines.terminated();
            if (payload.size() > MAX_RECORD_BYTES) {
                throw sawSeparator
                        ? new TrafficFormatException(file, number, offset, "the record is longer than "
                                + MAX_RECORD_BYTES + " bytes without a separator (🐵🙈🙉); is the file damaged?")
                        : noSeparator("in the first " + MAX_RECORD_BYTES + " bytes");
            }
        }
        sawSeparator |= separated;
        if (!sawSeparator) {
            throw noSeparator("");
        }
        if (!separated && lastTerminated) {
            payload.write('\n'); // No separator to claim the last newline: it ends the message.
        }
        return parseHeader(number, offset, header, payload.toByteArray(), separated);
    }

    private TrafficFormatException noSeparator(String where) {
        return new TrafficFormatException(file, 0, 0, "no GoReplay record separator (🐵🙈🙉) found"
                + (where.isEmpty() ? "" : " " + where) + "; is this a .gor file?");
    }

    private GorRecord parseHeader(long number, long offset, String header, byte[] bytes, boolean separated) {
        String[] f = header.split("[ \t]+");
        String expected = "header line '" + HttpMessageParser.shorten(header)
                + "' does not parse; expected 'TYPE ID TIMESTAMP_NS [LATENCY_NS]'";
        if (f.length < 3 || f.length > 4 || !f[0].matches("[0-9]") || !f[2].matches("\\d{1,19}")
                || (f.length == 4 && !f[3].matches("-?\\d{1,19}"))) {
            throw new TrafficFormatException(file, number, offset, expected);
        }
        int type = Integer.parseInt(f[0]);
        if (type < 1 || type > 3) {
            throw new TrafficFormatException(file, number, offset, "record type " + type
                    + " is unknown; expected 1 (request), 2 (response) or 3 (replayed response)");
        }
        try {
            long timestamp = Long.parseLong(f[2]);
            // GoReplay writes -1 as the latency of requests; only a response's latency means anything.
            long latency = f.length == 4 ? Math.max(-1, Long.parseLong(f[3])) : -1;
            return new GorRecord(number, offset, type, f[1], timestamp, latency, bytes, separated);
        } catch (NumberFormatException e) { // 19 digits may still overflow a long.
            throw new TrafficFormatException(file, number, offset, expected + " (number out of range)");
        }
    }

    private boolean isSeparator() {
        return Arrays.equals(lines.bytes(), 0, lines.length(), SEPARATOR, 0, SEPARATOR.length);
    }

    /** Reads a line; I/O problems name the record and the offset of its header line. */
    private boolean readLine(long number) {
        try {
            return lines.next();
        } catch (IOException e) {
            // Within a record, its header line; between records, the line that could not be read.
            throw readFailure(number, number == records ? recordOffset : lines.offset(), e);
        }
    }

    private TrafficFormatException readFailure(long number, long offset, IOException e) {
        String detail = e instanceof EOFException ? "the gzip stream is truncated (" + e.getMessage() + "); was the capture cut off?"
                : e instanceof ZipException ? "the gzip stream is corrupt: " + e.getMessage()
                : "cannot read: " + e.getMessage();
        return new TrafficFormatException(file, number, offset, detail);
    }
}
