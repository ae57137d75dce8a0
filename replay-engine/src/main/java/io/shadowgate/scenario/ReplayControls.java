package io.shadowgate.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a run does to its traffic before sending it, for any source: which part, which
 * requests, how fast, how often, and what to change in each.
 *
 * @param from          drop requests before this offset; offsets then count from it (null: from the start)
 * @param to            drop requests at or after this offset (null: to the end)
 * @param methods       only these methods (upper case; empty: all)
 * @param allowPaths    only paths matching one of these (empty: all)
 * @param denyPaths     never paths matching one of these
 * @param speed         recorded timing divided by this: 2 replays twice as fast (1: as recorded)
 * @param maxGap        idle gaps longer than this are shortened to it (null: kept), applied before speed
 * @param rate          if set, recorded timing is replaced by constant spacing at this many requests/s
 * @param loop          times the (filtered) stream is replayed back to back, at least 1
 * @param pathRewrites  regex replacements applied to each path in order
 * @param setHeaders    headers set on every request (replacing any of the same name)
 * @param removeHeaders header names removed from every request
 */
public record ReplayControls(
        Duration from,
        Duration to,
        Set<String> methods,
        List<Pattern> allowPaths,
        List<Pattern> denyPaths,
        double speed,
        Duration maxGap,
        Double rate,
        int loop,
        List<PathRewrite> pathRewrites,
        Map<String, String> setHeaders,
        Set<String> removeHeaders) {

    /** Replay as recorded: everything, once, at recorded speed, unchanged. */
    public static final ReplayControls NONE = new ReplayControls(null, null, Set.of(), List.of(), List.of(), 1.0, null,
            null, 1, List.of(), Map.of(), Set.of());

    public boolean isNone() {
        return equals(NONE);
    }

    /** The same controls with a fixed rate (the CLI's {@code --rate} on recorded traffic). */
    public ReplayControls withRate(double newRate) {
        return new ReplayControls(from, to, methods, allowPaths, denyPaths, speed, maxGap, newRate, loop, pathRewrites,
                setHeaders, removeHeaders);
    }

    /** The same controls ending at {@code newTo} (the CLI's {@code --duration} on recorded traffic). */
    public ReplayControls withTo(Duration newTo) {
        Duration end = from == null ? newTo : from.plus(newTo);
        return new ReplayControls(from, end, methods, allowPaths, denyPaths, speed, maxGap, rate, loop, pathRewrites,
                setHeaders, removeHeaders);
    }

    /**
     * A path rewrite: every match of {@code match} is replaced by {@code replace} ($1 refers to groups).
     *
     * @param match   the pattern
     * @param replace the replacement
     */
    public record PathRewrite(Pattern match, String replace) {

        @Override
        public boolean equals(Object o) {
            return o instanceof PathRewrite other && match.pattern().equals(other.match.pattern())
                    && replace.equals(other.replace);
        }

        @Override
        public int hashCode() {
            return match.pattern().hashCode() * 31 + replace.hashCode();
        }
    }
}
