package io.shadowgate.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the replayer did with a stream.
 *
 * @param scheduled    requests read from the stream (each has one outcome per target); when
 *                     stopped, the stream may hold more, which the caller accounts as not sent
 * @param dispatched   requests handed to the targets; the rest ended as not sent
 * @param stopped      true when the run was stopped before the stream ended
 * @param elapsedNanos from the schedule's start to the last outcome
 * @param loopBusy     the busiest client event loop's CPU time over the replay's wall time, 0 to 1
 *                     (a loop near 1 sets the pace itself); -1 where the JVM cannot tell
 * @param sends        per target role, how its requests left
 */
public record ReplaySummary(long scheduled, long dispatched, boolean stopped, long elapsedNanos, double loopBusy,
                            Map<String, TargetSends> sends) {

    /** Per target role, the requests sent to it. */
    public Map<String, Long> sent() {
        Map<String, Long> out = new LinkedHashMap<>();
        sends.forEach((role, s) -> out.put(role, s.sent()));
        return out;
    }

    /** Per target role, the requests that found all its connections busy and waited for one. */
    public Map<String, Long> waited() {
        Map<String, Long> out = new LinkedHashMap<>();
        sends.forEach((role, s) -> out.put(role, s.waited()));
        return out;
    }

    /** When the last request went out to any target, from the schedule's start; -1 if none did. */
    public long lastSentNanos() {
        return sends.values().stream().mapToLong(TargetSends::lastSentNanos).max().orElse(-1);
    }
}
