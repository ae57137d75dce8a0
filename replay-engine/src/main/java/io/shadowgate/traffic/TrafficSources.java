package io.shadowgate.traffic;

import io.shadowgate.scenario.TrafficInput;

/** Opens the traffic a scenario names: one switch from input kind to reader, and nothing else. */
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
            case HAR, GOR, ACCESSLOG -> throw new IllegalArgumentException(
                    input.format().name().toLowerCase(java.util.Locale.ROOT) + " traffic cannot be replayed yet");
        };
    }
}
