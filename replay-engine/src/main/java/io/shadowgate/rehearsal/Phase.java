package io.shadowgate.rehearsal;

import io.shadowgate.scenario.Rehearsal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a rollout: the shadow phase (every request to both targets) or a split stage
 * (each request to one target, the candidate with probability {@code weight}).
 *
 * @param index  0 for the first phase
 * @param stage  the split stage's number from 1, or 0 for the shadow phase
 * @param name   {@code shadow}, or the stage's weight such as {@code 25%}
 * @param shadow whether every request goes to both targets
 * @param weight the candidate's share of the requests (1 for the shadow phase, whose copies are extra)
 * @param hold   how long it lasts when no look decides earlier
 */
public record Phase(int index, int stage, String name, boolean shadow, double weight, Duration hold) {

    /** The phases of {@code rehearsal}, in order. */
    public static List<Phase> of(Rehearsal rehearsal) {
        List<Phase> phases = new ArrayList<>();
        if (rehearsal.hasShadowPhase()) {
            phases.add(new Phase(0, 0, "shadow", true, 1, rehearsal.shadow()));
        }
        int number = 0;
        for (Rehearsal.Stage stage : rehearsal.stages()) {
            phases.add(new Phase(phases.size(), ++number, percent(stage.weight()), false, stage.weight(), stage.hold()));
        }
        return List.copyOf(phases);
    }

    /** How the phase is named in reasons and the report: {@code stage 3 (25%)} or {@code shadow phase}. */
    public String label() {
        return shadow ? "shadow phase" : "stage " + stage + " (" + name + ")";
    }

    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
