package io.shadowgate.traffic;

import java.time.Instant;
import java.util.List;

/**
 * The first line of a traffic file: what wrote it, from what, and what was redacted.
 *
 * @param formatVersion version of the traffic file format
 * @param created       when the file was written; null for synthesized streams, which are a pure
 *                      function of their scenario and seed and so must come out byte for byte the same
 * @param source        where the traffic came from, e.g. {@code har:session.har},
 *                      {@code capture:http://10.0.0.5:8080}, {@code synth:scenario.yaml}
 * @param redaction     what was removed before writing
 */
public record TrafficHeader(int formatVersion, Instant created, String source, Redaction redaction) {

    public static final int FORMAT_VERSION = 1;

    public static TrafficHeader of(String source, Redaction redaction) {
        return new TrafficHeader(FORMAT_VERSION, Instant.now(), source, redaction);
    }

    /** A header with no creation time, for output that must be reproducible byte for byte. */
    public static TrafficHeader reproducible(String source, Redaction redaction) {
        return new TrafficHeader(FORMAT_VERSION, null, source, redaction);
    }

    /**
     * @param applied    whether anything was redacted
     * @param headers    header names whose values were replaced by {@link #MARKER}
     * @param bodyFields JSON body field names whose values were replaced by {@link #MARKER}
     */
    public record Redaction(boolean applied, List<String> headers, List<String> bodyFields) {

        /** What a redacted value is replaced with. */
        public static final String MARKER = "[REDACTED]";

        public static final Redaction NONE = new Redaction(false, List.of(), List.of());
    }
}
