package io.shadowgate.metrics;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One target's HdrHistogram interval log, {@code <target>.hlog}: one latency histogram per
 * sampler interval, flushed as it is written, so the file can be followed while the run lasts
 * and read with HdrHistogram's own {@code HistogramLogReader} (or {@code shadowgate judge}).
 * Only the sampler writes, under its target's lock; a failed write never throws (the sampler
 * would stop), it is reported by {@link #close()}.
 */
final class IntervalLog {

    static final String SUFFIX = ".hlog";

    /** Values are microseconds; the log's max column is in milliseconds. */
    private static final double MAX_VALUE_UNIT_RATIO = 1_000.0;

    private final Path file;
    private final PrintStream out;
    private final HistogramLogWriter writer;

    private IntervalLog(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
        this.writer = new HistogramLogWriter(out);
    }

    /** Creates (or truncates) {@code <dir>/<target>.hlog}. */
    static IntervalLog create(Path dir, String target) throws IOException {
        Path file = dir.resolve(target + SUFFIX);
        // A FileOutputStream, not Files.newOutputStream: close() interrupts the sampler thread, and
        // an interrupt closes a channel-backed stream for good, losing the rest of the log.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(file.toFile())), false,
                StandardCharsets.US_ASCII);
        return new IntervalLog(file, out);
    }

    Path file() {
        return file;
    }

    /** The header: what the values are, the format version, and the start and base time (the run's start). */
    void writeHeader(String target, long startWallMillis) {
        writer.outputComment("[shadowgate " + target + ": latency from the intended send (responses and timeouts), "
                + "microseconds; one histogram per interval]");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startWallMillis);
        writer.setBaseTime(startWallMillis);
        writer.outputBaseTime(startWallMillis);
        writer.outputLegend();
        out.flush();
    }

    /** One interval, its times in milliseconds from the run's start. */
    void write(long startMillis, long endMillis, Histogram interval) {
        writer.outputIntervalHistogram(startMillis / 1_000.0, endMillis / 1_000.0, interval, MAX_VALUE_UNIT_RATIO);
        out.flush();
    }

    /** Closes the file; false if any write failed, so the log is incomplete. */
    boolean close() {
        out.close();
        return !out.checkError();
    }
}
