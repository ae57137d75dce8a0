package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.ScenarioDocument.FlipLabelsDoc;
import io.shadowgate.scenario.ScenarioDocument.ResponsesDoc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ResponseVariation} from the {@code responses:} block of a simulated target,
 * each value checked where it stands. It repeats the record's own checks so that a mistake is
 * reported at its key with the fields that would have been accepted, never as a bare
 * IllegalArgumentException.
 */
final class ResponseVariationValidator {

    private final FieldChecks check;

    ResponseVariationValidator(FieldChecks check) {
        this.check = check;
    }

    /** The variation at {@code path} (the {@code responses} key); absent means {@link ResponseVariation#NONE}. */
    ResponseVariation variation(String path, ResponsesDoc doc) throws ScenarioException {
        if (doc == null) {
            return ResponseVariation.NONE;
        }
        String weightsOf = doc.weightsOf();
        if (weightsOf != null && weightsOf.isBlank()) {
            throw check.invalid(child(path, "weightsOf"), "expected a model version such as \"2.3.1\", found empty text");
        }
        double shift = doc.scoreShift() == null ? 0 : scoreShift(child(path, "scoreShift"), doc.scoreShift());
        ResponseVariation.LabelFlip flip = doc.flipLabels() == null
                ? null
                : flip(child(path, "flipLabels"), doc.flipLabels());
        boolean nondeterministic = Boolean.TRUE.equals(doc.nondeterministic());
        List<String> fields = ResponseVariation.answerFields(nondeterministic);

        Map<String, String> renames = renames(child(path, "renameFields"), doc.renameFields(), fields);
        List<String> dropped = fieldList(child(path, "dropFields"), doc.dropFields(), fields);
        for (int i = 0; i < dropped.size(); i++) {
            if (renames.containsKey(dropped.get(i))) {
                throw check.invalid(item(child(path, "dropFields"), i), dropped.get(i)
                        + " is also renamed in renameFields; drop it or rename it, not both");
            }
        }
        List<String> asText = fieldList(child(path, "stringFields"), doc.stringFields(), fields);
        for (int i = 0; i < asText.size(); i++) {
            String name = asText.get(i);
            String at = item(child(path, "stringFields"), i);
            if (!ResponseVariation.NUMBER_FIELDS.contains(name)) {
                throw check.invalid(at, name + " is already sent as text; only "
                        + String.join(", ", ResponseVariation.NUMBER_FIELDS) + " is a number");
            }
            if (dropped.contains(name)) {
                throw check.invalid(at, name + " is dropped (dropFields), so it cannot also be sent as text");
            }
        }
        return new ResponseVariation(weightsOf, shift, flip, renames, dropped, asText, nondeterministic);
    }

    private double scoreShift(String path, double shift) throws ScenarioException {
        if (!(shift >= -1 && shift <= 1)) {
            throw check.invalid(path, "must be a number between -1 and 1 (scores are in [0, 1]), found " + shift);
        }
        if (!ResponseVariation.isValidShift(shift)) {
            throw check.invalid(path, "scores are reported to 6 decimals, so the shift must be a multiple of "
                    + "0.000001, found " + shift);
        }
        return shift;
    }

    private ResponseVariation.LabelFlip flip(String path, FlipLabelsDoc doc) throws ScenarioException {
        int feature = check.required(path, "feature", doc.feature(), "the index into the request's features");
        if (feature < 0) {
            throw check.invalid(child(path, "feature"), "must be a feature index of at least 0, found " + feature);
        }
        double above = check.required(path, "above", doc.above(),
                "labels are flipped where features[feature] is greater than it");
        if (!Double.isFinite(above)) {
            throw check.invalid(child(path, "above"), "must be a finite number, found " + above);
        }
        return new ResponseVariation.LabelFlip(feature, above);
    }

    private Map<String, String> renames(String path, Map<String, String> doc, List<String> fields)
            throws ScenarioException {
        if (doc == null) {
            return Map.of();
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> renamedFrom = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : doc.entrySet()) {
            String at = child(path, e.getKey());
            requireField(at, e.getKey(), fields);
            String to = e.getValue();
            if (to == null || to.isBlank()) {
                throw check.invalid(at, "expected the new name of " + e.getKey() + ", e.g. {score: confidence}");
            }
            if (fields.contains(to)) {
                throw check.invalid(at, "cannot rename " + e.getKey() + " to '" + to
                        + "': the answer already has a field of that name");
            }
            String earlier = renamedFrom.putIfAbsent(to, e.getKey());
            if (earlier != null) {
                throw check.invalid(at, "cannot rename " + e.getKey() + " to '" + to + "': " + earlier
                        + " is already renamed to it");
            }
            renames.put(e.getKey(), to);
        }
        return renames;
    }

    private List<String> fieldList(String path, List<String> doc, List<String> fields) throws ScenarioException {
        if (doc == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            String at = item(path, i);
            String name = doc.get(i);
            if (name == null) {
                throw check.invalid(at, "expected a field name, one of " + String.join(", ", fields));
            }
            requireField(at, name, fields);
            if (names.contains(name)) {
                throw check.invalid(at, name + " is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    private void requireField(String at, String name, List<String> fields) throws ScenarioException {
        if (fields.contains(name)) {
            return;
        }
        if (ResponseVariation.NONDETERMINISTIC_FIELDS.contains(name)) {
            throw check.invalid(at, "'" + name + "' is only in the answer with nondeterministic: true");
        }
        throw check.invalid(at, "unknown field '" + name + "'; the predict answer has "
                + String.join(", ", fields)
                + (fields.size() == ResponseVariation.PREDICT_FIELDS.size()
                        ? " (and " + String.join(", ", ResponseVariation.NONDETERMINISTIC_FIELDS)
                                + " with nondeterministic: true)"
                        : ""));
    }
}
