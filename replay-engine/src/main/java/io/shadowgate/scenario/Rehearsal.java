package io.shadowgate.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Split mode's staged traffic shift: an optional shadow phase, then stages that each give the
 * candidate a larger share of the requests. Each stage is judged on its own traffic every
 * {@code look}; it is promoted when its gates are shown to hold, aborted when one is shown to
 * be breached, and extended by its hold (at most {@code extensions} times) while the evidence
 * is too thin either way.
 *
 * @param shadow     length of the shadow phase before the stages (every request to both
 *                   targets, responses compared), or null for none
 * @param stages     the stages in order, weights increasing; at least one
 * @param look       how often a stage is judged
 * @param extensions how many times an inconclusive stage is extended by its hold before the
 *                   shift is abandoned (aborted as inconclusive)
 * @param afterAbort how long traffic keeps flowing, all to the baseline, after an abort, so the
 *                   report shows the baseline carrying it again
 * @param promoteEarly whether a look that shows every gate holding promotes the phase before its
 *                   hold ends (a breach aborts at once either way); false keeps every phase for its
 *                   full hold, as rollouts with fixed pauses do, and makes stage times predictable
 */
public record Rehearsal(Duration shadow, List<Stage> stages, Duration look, int extensions, Duration afterAbort,
                        boolean promoteEarly) {

    public static final Duration DEFAULT_LOOK = Duration.ofSeconds(1);
    public static final int DEFAULT_EXTENSIONS = 1;
    public static final Duration DEFAULT_AFTER_ABORT = Duration.ofSeconds(2);

    public Rehearsal {
        stages = List.copyOf(stages);
    }

    /**
     * One stage of the shift.
     *
     * @param weight the candidate's share of the requests, in (0, 1]
     * @param hold   how long the stage lasts when its looks decide nothing earlier
     */
    public record Stage(double weight, Duration hold) {
    }

    public boolean hasShadowPhase() {
        return shadow != null;
    }

    /** The shortest the shift takes when no stage is decided early or extended. */
    public Duration plannedLength() {
        Duration total = shadow == null ? Duration.ZERO : shadow;
        for (Stage stage : stages) {
            total = total.plus(stage.hold());
        }
        return total;
    }
}
