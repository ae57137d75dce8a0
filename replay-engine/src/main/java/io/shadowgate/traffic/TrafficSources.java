package io.shadowgate.traffic;

import io.shadowgate.scenario.TrafficInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Opens the traffic a scenario names, and scans it once before a run. The one switch from
 * input kind to reader.
 */
public final class TrafficSources {

    private TrafficSources() {
    }

    /**
     * Opens {@code input} as a stream. Bad files surface as {@link TrafficFormatException}s,
     * here for whole-file problems or later from the stream for bad records.
     */
    public static TrafficSource open(TrafficInput input, long seed) {
        if (input.isSynthesized()) {
            return new SynthesizedTraffic(input.synth(), seed);
        }
        return switch (input.format()) {
            case FILE -> TrafficFileReader.open(input.file(), input.skipBadRecords());
            case HAR -> HarTraffic.open(input.file());
            case GOR -> GorTraffic.open(input.file());
            case ACCESSLOG -> AccessLogTraffic.open(input.file(), seed, input.skipBadRecords());
        };
    }

    /**
     * Reads {@code input} through once: counts it, hashes it, and finds any bad record before
     * a single request is sent (so a damaged file stops a run at once, with exit 65, instead
     * of half-way through). Constant memory except for HAR, which is held whole.
     */
    public static TrafficScan scan(TrafficInput input, long seed) {
        if (input.isSynthesized()) {
            MessageDigest digest = TrafficFileWriter.newDigest();
            long records = 0;
            try (TrafficSource source = open(input, seed)) {
                while (source.hasNext()) {
                    digest.update(TrafficLines.record(source.next()));
                    records++;
                }
            }
            return new TrafficScan(input.describe(), HexFormat.of().formatHex(digest.digest()), "records", records, 0, List.of());
        }
        try (TrafficSource source = open(input, seed)) {
            long records = 0;
            while (source.hasNext()) {
                source.next();
                records++;
            }
            if (source instanceof TrafficFileReader file) {
                return new TrafficScan(input.describe(), file.sha256(), "records", records, file.skipped(), file.problems());
            }
            long skipped = source instanceof AccessLogTraffic log ? log.skipped() : 0;
            List<String> problems = source instanceof AccessLogTraffic log ? log.problems() : List.of();
            return new TrafficScan(input.describe(), fileSha256(input.file()), "file", records, skipped, problems);
        }
    }

    private static String fileSha256(Path file) {
        MessageDigest digest = TrafficFileWriter.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new TrafficFormatException(file, 0, -1, "cannot read: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
