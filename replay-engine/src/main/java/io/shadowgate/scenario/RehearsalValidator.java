package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.ScenarioDocument.CapacityDoc;
import io.shadowgate.scenario.ScenarioDocument.RehearsalDoc;
import io.shadowgate.scenario.ScenarioDocument.StageDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates the {@code rehearsal:} block (split mode's stages) and the {@code capacity:} block
 * into their records, located at the offending key.
 */
final class RehearsalValidator {

    private final FieldChecks check;

    RehearsalValidator(FieldChecks check) {
        this.check = check;
    }

    /** The stages of a split-mode scenario; null in shadow mode, where the block is refused. */
    Rehearsal rehearsal(RehearsalDoc doc, Mode mode) throws ScenarioException {
        if (mode != Mode.SPLIT) {
            if (doc != null) {
                throw check.invalid("rehearsal", "stages shift traffic in split mode only; add 'mode: split'");
            }
            return null;
        }
        RehearsalDoc block = check.required("", "rehearsal", doc,
                "split mode needs its stages, e.g. rehearsal: {stages: [{weight: 5%, hold: 20s}, {weight: 100%, hold: 20s}]}");
        Duration shadow = block.shadow() == null ? null : check.positiveDuration("rehearsal.shadow", block.shadow());
        Duration look = block.look() == null ? Rehearsal.DEFAULT_LOOK
                : check.positiveDuration("rehearsal.look", block.look());
        int extensions = block.extensions() == null ? Rehearsal.DEFAULT_EXTENSIONS
                : (int) check.atLeast("rehearsal.extensions", block.extensions(), 0);
        List<StageDoc> docs = check.required("rehearsal", "stages", block.stages(),
                "the candidate's share stage by stage, e.g. [{weight: 5%, hold: 20s}, {weight: 100%, hold: 20s}]");
        if (docs.isEmpty()) {
            throw check.invalid("rehearsal.stages", "needs at least one stage");
        }
        List<Rehearsal.Stage> stages = new ArrayList<>();
        double previous = 0;
        for (int i = 0; i < docs.size(); i++) {
            String path = item("rehearsal.stages", i);
            StageDoc stage = docs.get(i);
            if (stage == null) {
                throw check.invalid(path, "empty stage; expected a mapping with weight and hold");
            }
            String weightText = check.required(path, "weight", stage.weight(), "the candidate's share, e.g. 5%");
            double weight = check.probability(child(path, "weight"), weightText);
            if (weight <= previous) {
                throw check.invalid(child(path, "weight"), i == 0 ? "must be greater than 0%, found '" + weightText + "'"
                        : "must be greater than the previous stage's (" + ValueParsers.percent(previous)
                                + "): stages only shift traffic towards the candidate, found '" + weightText + "'");
            }
            Duration hold = check.positiveDuration(child(path, "hold"),
                    check.required(path, "hold", stage.hold(), "how long the stage lasts, e.g. 20s"));
            if (hold.compareTo(look) < 0) {
                throw check.invalid(child(path, "hold"), "must be at least rehearsal.look (" + look.toMillis()
                        + " ms): a stage is judged once per look");
            }
            stages.add(new Rehearsal.Stage(weight, hold));
            previous = weight;
        }
        if (stages.get(0).weight() >= 1 && shadow == null) {
            throw check.invalid(item("rehearsal.stages", 0) + ".weight", "a first stage of 100% leaves the candidate "
                    + "nothing to be compared with; start lower, or add a shadow phase (rehearsal.shadow)");
        }
        Duration afterAbort = block.afterAbort() == null ? Rehearsal.DEFAULT_AFTER_ABORT
                : check.duration("rehearsal.afterAbort", block.afterAbort());
        return new Rehearsal(shadow, stages, look, extensions, afterAbort,
                block.promoteEarly() == null || block.promoteEarly());
    }

    /** Capacity mode's settings; null when the block is absent. */
    CapacitySpec capacity(CapacityDoc doc) throws ScenarioException {
        if (doc == null) {
            return null;
        }
        Duration window = doc.window() == null ? CapacitySpec.DEFAULT_WINDOW
                : check.positiveDuration("capacity.window", doc.window());
        double maxErrorRate = doc.maxErrorRate() == null ? CapacitySpec.DEFAULT_MAX_ERROR_RATE
                : check.probability("capacity.maxErrorRate", doc.maxErrorRate());
        return new CapacitySpec(window, maxErrorRate);
    }
}
