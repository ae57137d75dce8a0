package io.shadowgate.capture;

import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileWriter;
import io.shadowgate.traffic.TrafficHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a capture as one or more traffic files, starting the next one when the current one
 * is {@code rotateBytes} big on disk. Used by the writer thread only.
 *
 * <p>Naming: the first file is {@code FILE} itself; the next ones put {@code -0001},
 * {@code -0002}, … before the extension ({@code capture.jsonl.gz} → {@code capture-0001.jsonl.gz};
 * {@code .jsonl}, {@code .gz} and {@code .jsonl.gz} count as one extension). Each file is a
 * complete traffic file on its own: ids count from 0, and offsets count from the file's own
 * origin — the capture's start for the first file, the arrival of its first request for each
 * later one, so any file replays without a long idle start. The header's {@code created} is
 * that origin in wall-clock time, which lines the files up again.
 *
 * <p>The size is the on-disk size of the file being written ({@link TrafficFileWriter} writes
 * {@code FILE.partial} until it is closed), so a file may exceed the limit by what the writer
 * still buffers (a few hundred KiB).
 */
final class RotatingTrafficWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RotatingTrafficWriter.class);

    private final Path first;
    private final long rotateBytes;
    private final String source;
    private final TrafficHeader.Redaction redaction;
    private final long originNanos;
    private final Instant originWall;
    private final List<Path> files = new ArrayList<>();
    private TrafficFileWriter current;
    private long currentOriginNanos;
    private long records;
    private boolean sizeUnknown;

    /** Creates {@code first} now, so a path that cannot be written fails at start, not at the first request. */
    RotatingTrafficWriter(Path first, long rotateBytes, String source, TrafficHeader.Redaction redaction,
                          long originNanos, Instant originWall) throws IOException {
        this.first = first;
        this.rotateBytes = rotateBytes;
        this.source = source;
        this.redaction = redaction;
        this.originNanos = originNanos;
        this.originWall = originWall;
        open(originNanos);
    }

    /** Appends {@code r}, giving it the next id of its file and its offset from the file's origin. */
    void write(long arrivalNanos, Request r) throws IOException {
        if (current == null) {
            open(arrivalNanos);
        }
        long offsetMicros = Math.max(0, (arrivalNanos - currentOriginNanos) / 1_000);
        current.write(new Request(current.records(), offsetMicros, r.endpoint(), r.method(), r.path(), r.headers(),
                r.body(), r.sessionKey(), r.recorded()));
        records++;
        if (rotateBytes > 0 && sizeOnDisk() >= rotateBytes) {
            current.close();
            current = null;
        }
    }

    /** Records written over all files. */
    long records() {
        return records;
    }

    /** The files started so far, in order; the last may still be open. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** Closes the file being written, if any (the trailer makes it complete). */
    @Override
    public void close() throws IOException {
        if (current != null) {
            TrafficFileWriter w = current;
            current = null;
            w.close();
        }
    }

    /** {@code capture.jsonl.gz}, 3 → {@code capture-0003.jsonl.gz}. */
    static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        String stem = name;
        String extension = "";
        if (stem.endsWith(".gz")) {
            stem = stem.substring(0, stem.length() - 3);
            extension = ".gz";
        }
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            extension = stem.substring(dot) + extension;
            stem = stem.substring(0, dot);
        }
        return file.resolveSibling(String.format(Locale.ROOT, "%s-%04d%s", stem, n, extension));
    }

    private void open(long origin) throws IOException {
        Path file = files.isEmpty() ? first : numbered(first, files.size());
        Instant created = originWall.plusNanos(origin - originNanos);
        current = TrafficFileWriter.create(file, new TrafficHeader(TrafficHeader.FORMAT_VERSION, created, source, redaction));
        currentOriginNanos = origin;
        files.add(file);
    }

    private long sizeOnDisk() {
        Path partial = current.file().resolveSibling(current.file().getFileName() + ".partial");
        try {
            return Files.size(partial);
        } catch (IOException e) {
            if (!sizeUnknown) {
                sizeUnknown = true;
                log.warn("cannot measure {} to rotate it ({}); not rotating", partial, e.toString());
            }
            return 0;
        }
    }
}
