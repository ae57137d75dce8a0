package io.shadowgate.traffic;

import java.util.List;
import java.util.Map;

/**
 * What a run's traffic is, established by reading it once before the replay: enough to prove
 * later which traffic a verdict was reached on.
 *
 * @param source   where it came from, e.g. {@code synth} or {@code har:captures/session.har}
 * @param sha256   SHA-256, hex, of {@code sha256Of}
 * @param sha256Of {@code records}: the canonical record lines (traffic files, whose trailer
 *                 carries the same hash, and synthesized streams); {@code file}: the input
 *                 file's bytes (imported formats, hashed as they are)
 * @param records  requests the stream yields
 * @param skipped  malformed records skipped (only when skipping was asked for)
 * @param problems what was wrong with the skipped records or the trailer, at most a hundred lines
 * @param replay   what the replay controls left out, or null when there were none
 * @param endpoints requests per endpoint, the plan a stopped run accounts its unsent rest against
 * @param spanMicros the last request's intended offset from the stream start: how long the
 *                  schedule runs, which fixes how many evaluation windows a run plans
 */
public record TrafficScan(String source, String sha256, String sha256Of, long records, long skipped, List<String> problems,
                          ControlledTraffic.Stats replay, Map<String, Long> endpoints,
                          long spanMicros) {
}
