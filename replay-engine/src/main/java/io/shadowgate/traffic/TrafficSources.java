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
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens the traffic a scenario names, and scans it once before a run. The one switch from
 * input kind to reader.
 */
public final class TrafficSources {

    private TrafficSources() {
    }

    /** Opens {@code input} as it is, controls and all, with side effects allowed. */
    public static TrafficSource open(TrafficInput input, long seed) {
        return open(input, seed, true);
    }

    /**
     * Opens {@code input} as a stream with its replay controls applied. Bad files surface as
     * {@link TrafficFormatException}s, here for whole-file problems or later from the stream
     * for bad records.
     *
     * @param sideEffectsAllowed whether non-idempotent requests may be replayed (every target allows them)
     */
    public static TrafficSource open(TrafficInput input, long seed, boolean sideEffectsAllowed) {
        if (input.controls().isNone() && sideEffectsAllowed) {
            return openRaw(input, seed);
        }
        return new ControlledTraffic(() -> openRaw(input, seed), input.controls(), sideEffectsAllowed, false);
    }

    private static TrafficSource openRaw(TrafficInput input, long seed) {
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
    public static TrafficScan scan(TrafficInput input, long seed, boolean sideEffectsAllowed) {
        return scan(input, seed, sideEffectsAllowed, Shard.WHOLE).part();
    }

    /**
     * As {@link #scan(TrafficInput, long, boolean)} for one shard of the stream: the hash and any
     * bad record are the whole stream's (every shard proves the same traffic), the counts, the
     * endpoints and the span are the shard's part, and the whole stream's count comes beside it.
     */
    public static ShardScan scan(TrafficInput input, long seed, boolean sideEffectsAllowed, Shard shard) {
        // The first raw stream opened is the one hashed; later loops re-read the same input.
        TrafficSource[] first = new TrafficSource[1];
        MessageDigest digest = TrafficFileWriter.newDigest();
        ControlledTraffic controlled = new ControlledTraffic(() -> {
            TrafficSource raw = openRaw(input, seed);
            if (first[0] != null) {
                return raw;
            }
            first[0] = raw;
            return input.isSynthesized() ? hashing(raw, digest) : raw;
        }, input.controls(), sideEffectsAllowed);
        long records = 0;
        long stream = 0;
        long span = 0;
        Map<String, Long> endpoints = new TreeMap<>();
        try (controlled) {
            while (controlled.hasNext()) {
                Request request = controlled.next();
                stream++;
                if (!shard.includes(request)) {
                    continue;
                }
                endpoints.merge(request.endpoint(), 1L, Long::sum);
                span = Math.max(span, request.offsetMicros());
                records++;
            }
        }
        ControlledTraffic.Stats stats = input.controls().isNone() && sideEffectsAllowed ? null : controlled.stats();
        if (input.isSynthesized()) {
            return new ShardScan(new TrafficScan(input.describe(), HexFormat.of().formatHex(digest.digest()), "records",
                    records, 0, List.of(), stats, endpoints, span), stream);
        }
        if (first[0] instanceof TrafficFileReader file) {
            return new ShardScan(new TrafficScan(input.describe(), file.sha256(), "records", records, file.skipped(),
                    file.problems(), stats, endpoints, span), stream);
        }
        long skipped = first[0] instanceof AccessLogTraffic log ? log.skipped() : 0;
        List<String> problems = first[0] instanceof AccessLogTraffic log ? log.problems() : List.of();
        return new ShardScan(new TrafficScan(input.describe(), fileSha256(input.file()), "file", records, skipped,
                problems, stats, endpoints, span), stream);
    }

    /** {@code source}, feeding the canonical line of every request it yields to {@code digest}. */
    private static TrafficSource hashing(TrafficSource source, MessageDigest digest) {
        return source.map(r -> {
            digest.update(TrafficLines.record(r));
            return r;
        });
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
