package io.shadowgate.scenario;

import java.nio.file.Path;

/**
 * Where a run's requests come from: synthesized from a workload model, or read from a
 * recorded file in one of the supported formats. Exactly one of {@code synth} and
 * {@code file} is set.
 *
 * @param synth          the workload model, for synthesized traffic
 * @param format         the recorded file's format, for recorded traffic
 * @param file           the recorded file, resolved against the scenario file's folder
 * @param skipBadRecords count and skip malformed records instead of stopping (reported in the verdict)
 * @param controls       what to do to the stream before sending it (window, filters, speed, loops, rewrites)
 */
public record TrafficInput(TrafficSpec synth, Format format, Path file, boolean skipBadRecords, ReplayControls controls) {

    /** Recorded traffic formats. */
    public enum Format {
        /** Shadowgate's own traffic file (JSON Lines, header and trailer), optionally gzipped. */
        FILE,
        /** HTTP Archive 1.2, as browsers and proxies export it. */
        HAR,
        /** GoReplay's {@code .gor} capture. */
        GOR,
        /** Common or Combined Log Format (nginx, Apache). */
        ACCESSLOG
    }

    public static TrafficInput synthesized(TrafficSpec spec) {
        return new TrafficInput(spec, null, null, false, ReplayControls.NONE);
    }

    public static TrafficInput recorded(Format format, Path file, boolean skipBadRecords) {
        return new TrafficInput(null, format, file, skipBadRecords, ReplayControls.NONE);
    }

    public TrafficInput withControls(ReplayControls newControls) {
        return new TrafficInput(synth, format, file, skipBadRecords, newControls);
    }

    public boolean isSynthesized() {
        return synth != null;
    }

    /** What the traffic is, for messages and reports: {@code synth} or {@code har:path}. */
    public String describe() {
        return isSynthesized() ? "synth" : format.name().toLowerCase(java.util.Locale.ROOT) + ":" + file;
    }
}
