package io.shadowgate.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a simulated model server's {@code POST /v1/predict} answers differ from the plain ones,
 * so that response comparison has something to find: the same model re-served, a small score
 * drift, labels flipped in a feature range, renamed, dropped or retyped fields, and fields that
 * differ on every call. Immutable. Health checks and error answers are never varied.
 *
 * <p>The order of the steps, which the simulator follows: the score comes from the weights of
 * {@code weightsOf} (the served version when null), is shifted by {@code scoreShift} and
 * clamped to [0, 1]; the label is derived from that final score as always ({@code positive}
 * from 0.5 up), so a shift keeps label and score consistent and may change the label of scores
 * near 0.5; then {@code flipLabels} flips the label to the other class without touching the
 * score. Last, the JSON is reshaped: {@code stringFields} are sent as text, {@code dropFields}
 * left out, {@code renameFields} renamed in place. Every list names fields as the plain answer
 * names them, before renaming.
 *
 * @param weightsOf        version whose weights score the features, or null for the served
 *                         version; {@code modelVersion} still reports the served version
 * @param scoreShift       added to every score, in [-1, 1] and a multiple of 0.000001 (scores
 *                         are reported to 6 decimals); the result is clamped to [0, 1]
 * @param flipLabels       the feature range whose labels are flipped, or null for none
 * @param renameFields     old name to new name; the new name must not be a field the answer has
 * @param dropFields       fields left out of the answer
 * @param stringFields     number fields (only {@code score}) sent as a JSON string of the
 *                         same digits
 * @param nondeterministic whether every answer also carries {@code servedAt} (the instant it was
 *                         made, ISO-8601 UTC) and {@code traceId} (a random UUID)
 */
public record ResponseVariation(
        String weightsOf,
        double scoreShift,
        LabelFlip flipLabels,
        Map<String, String> renameFields,
        List<String> dropFields,
        List<String> stringFields,
        boolean nondeterministic) {

    /** The fields of a plain predict answer, in the order they are written. */
    public static final List<String> PREDICT_FIELDS = List.of("requestId", "modelVersion", "label", "score");

    /** The fields {@code nondeterministic: true} appends, in the order they are written. */
    public static final List<String> NONDETERMINISTIC_FIELDS = List.of("servedAt", "traceId");

    /** The only predict field whose value is a number; the rest are already text. */
    public static final Set<String> NUMBER_FIELDS = Set.of("score");

    /** Scores are rounded to this step, so a shift finer than it would be rounded away. */
    public static final double SCORE_STEP = 1e-6;

    /** Plain answers: nothing varied. */
    public static final ResponseVariation NONE =
            new ResponseVariation(null, 0, null, Map.of(), List.of(), List.of(), false);

    /**
     * Labels flipped to the other class for requests whose {@code features[feature]} is
     * strictly greater than {@code above}; requests with fewer features are left alone.
     *
     * @param feature index into the request's {@code features} array, >= 0
     * @param above   exclusive lower bound of the flipped range
     */
    public record LabelFlip(int feature, double above) {

        public LabelFlip {
            if (feature < 0) {
                throw new IllegalArgumentException("flipLabels.feature must be >= 0 (was " + feature + ")");
            }
            if (!Double.isFinite(above)) {
                throw new IllegalArgumentException("flipLabels.above must be a finite number (was " + above + ")");
            }
        }

        /** Whether a request with these features has its label flipped. */
        public boolean applies(double[] features) {
            return feature < features.length && features[feature] > above;
        }
    }

    /**
     * Checks what would otherwise make a broken or ambiguous answer (a duplicate JSON key, a
     * field both dropped and renamed), for profiles built in code; scenario files get the same
     * checks with file positions from the scenario validator first.
     */
    public ResponseVariation {
        renameFields = renameFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(renameFields));
        dropFields = dropFields == null ? List.of() : List.copyOf(dropFields);
        stringFields = stringFields == null ? List.of() : List.copyOf(stringFields);
        if (weightsOf != null && weightsOf.isBlank()) {
            throw new IllegalArgumentException("weightsOf must not be empty");
        }
        if (!isValidShift(scoreShift)) {
            throw new IllegalArgumentException(
                    "scoreShift must be between -1 and 1 in steps of 0.000001 (was " + scoreShift + ")");
        }
        List<String> fields = answerFields(nondeterministic);
        Set<String> newNames = new HashSet<>();
        for (Map.Entry<String, String> rename : renameFields.entrySet()) {
            requireField("renameFields", rename.getKey(), fields);
            String to = rename.getValue();
            if (to == null || to.isBlank() || fields.contains(to) || !newNames.add(to)) {
                throw new IllegalArgumentException("renameFields: cannot rename " + rename.getKey() + " to '" + to
                        + "' (empty, already a field of the answer, or the new name of another field)");
            }
        }
        for (String dropped : dropFields) {
            requireField("dropFields", dropped, fields);
            if (renameFields.containsKey(dropped)) {
                throw new IllegalArgumentException("dropFields: " + dropped + " is also renamed");
            }
        }
        for (String text : stringFields) {
            requireField("stringFields", text, fields);
            if (!NUMBER_FIELDS.contains(text) || dropFields.contains(text)) {
                throw new IllegalArgumentException("stringFields: " + text + " is not a number field that is sent");
            }
        }
        if (new HashSet<>(dropFields).size() != dropFields.size()
                || new HashSet<>(stringFields).size() != stringFields.size()) {
            throw new IllegalArgumentException("dropFields and stringFields must not name a field twice");
        }
    }

    /** The fields an answer has before reshaping: the plain ones, then the nondeterministic ones if enabled. */
    public static List<String> answerFields(boolean nondeterministic) {
        if (!nondeterministic) {
            return PREDICT_FIELDS;
        }
        List<String> all = new ArrayList<>(PREDICT_FIELDS);
        all.addAll(NONDETERMINISTIC_FIELDS);
        return List.copyOf(all);
    }

    /** Whether a shift is in [-1, 1] and on the 6-decimal grid scores are reported on. */
    public static boolean isValidShift(double shift) {
        if (!(shift >= -1 && shift <= 1)) {
            return false;
        }
        double steps = shift / SCORE_STEP;
        // Decimal input such as 0.004 is not exact in binary; allow the representation error.
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }

    private static void requireField(String key, String name, List<String> fields) {
        if (!fields.contains(name)) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not a field of the predict answer "
                    + fields);
        }
    }
}
