package io.shadowgate.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into '\n'-terminated lines, keeping each line's byte offset. One
 * buffer, reused; a line longer than {@link #MAX_LINE_BYTES} is refused rather than grown
 * into. Single-threaded.
 */
final class LineReader {

    static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private long bufferOffset;
    private boolean eof;

    /** The line most recently read: bytes {@code [0, length)} of {@link #bytes()}, without the '\n'. */
    private byte[] line = new byte[1024];
    private int length;
    private long lineOffset;
    private boolean terminated;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        lineOffset = bufferOffset + start;
        length = 0;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    append(start, i);
                    start = i + 1;
                    terminated = true;
                    return true;
                }
            }
            append(start, end);
            start = end;
            if (!fill()) {
                terminated = false;
                return length > 0;
            }
        }
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    long offset() {
        return lineOffset;
    }

    /** Whether the line ended with '\n' (the last line of a truncated file does not). */
    boolean terminated() {
        return terminated;
    }

    private void append(int from, int to) throws IOException {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if ((long) length + n > MAX_LINE_BYTES) {
            throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes starts at byte " + lineOffset);
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        bufferOffset += end;
        start = 0;
        end = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) == 0) {
            // A stream may return 0; keep reading until data or the end.
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        end = n;
        return true;
    }
}
