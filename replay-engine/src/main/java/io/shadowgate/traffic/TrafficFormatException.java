package io.shadowgate.traffic;

import java.nio.file.Path;

/**
 * Traffic input that cannot be used: the message names the file, the record (or line) and
 * the byte offset where the problem is, and what was expected. Unchecked because it surfaces
 * from {@link TrafficSource} iterators; the CLI maps it to exit 65.
 */
public final class TrafficFormatException extends RuntimeException {

    private final transient Path file;
    private final long record;
    private final long byteOffset;

    /**
     * @param file       the traffic file
     * @param record     1-based record (or line) number, 0 when the problem is the whole file
     * @param byteOffset offset of the record's first byte in the (decompressed) stream, -1 if unknown
     * @param detail     what is wrong and what was expected
     */
    public TrafficFormatException(Path file, long record, long byteOffset, String detail) {
        super(format(file, record, byteOffset, detail));
        this.file = file;
        this.record = record;
        this.byteOffset = byteOffset;
    }

    public Path file() {
        return file;
    }

    public long record() {
        return record;
    }

    public long byteOffset() {
        return byteOffset;
    }

    private static String format(Path file, long record, long byteOffset, String detail) {
        StringBuilder sb = new StringBuilder().append(file);
        if (record > 0) {
            sb.append(": record ").append(record);
        }
        if (byteOffset >= 0) {
            sb.append(record > 0 ? " at byte " : ": at byte ").append(byteOffset);
        }
        return sb.append(": ").append(detail).toString();
    }
}
