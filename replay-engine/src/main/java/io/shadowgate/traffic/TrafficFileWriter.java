package io.shadowgate.traffic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a traffic file: the header, one line per request, and on {@link #close()} the
 * trailer with the record count and the SHA-256 of the record lines. Gzip when the name ends
 * in {@code .gz}. The file appears under its name only when closed (it is written beside it
 * first), so an interrupted writer never leaves a file that looks complete. Single-threaded.
 */
public final class TrafficFileWriter implements AutoCloseable {

    private final Path file;
    private final Path partial;
    private final OutputStream out;
    private final MessageDigest digest;
    private long records;
    private String sha256;

    private TrafficFileWriter(Path file, Path partial, OutputStream out) {
        this.file = file;
        this.partial = partial;
        this.out = out;
        this.digest = newDigest();
    }

    public static TrafficFileWriter create(Path file, TrafficHeader header) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial), 256 * 1024);
        OutputStream out = isGzip(file) ? new GZIPOutputStream(raw, 64 * 1024) : raw;
        TrafficFileWriter writer = new TrafficFileWriter(file, partial, out);
        out.write(TrafficLines.header(header));
        return writer;
    }

    /** Appends one request; its id must be the number of requests written before it. */
    public void write(Request request) throws IOException {
        if (request.id() != records) {
            throw new IllegalArgumentException("request id " + request.id() + " written as record " + records
                    + "; ids must count up from 0");
        }
        byte[] line = TrafficLines.record(request);
        digest.update(line);
        out.write(line);
        records++;
    }

    public long records() {
        return records;
    }

    /** The SHA-256 of the record lines, hex; known once closed. */
    public String sha256() {
        return sha256;
    }

    public Path file() {
        return file;
    }

    /** Writes the trailer and moves the file to its name. */
    @Override
    public void close() throws IOException {
        if (sha256 != null) {
            return;
        }
        sha256 = HexFormat.of().formatHex(digest.digest());
        out.write(TrafficLines.trailer(records, sha256));
        out.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
