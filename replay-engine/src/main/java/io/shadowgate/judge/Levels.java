package io.shadowgate.judge;

import java.util.Locale;

/**
 * The decision rule's two confidence levels, for a family of {@code gates} gates at
 * confidence C:
 * <ul>
 * <li><b>GO</b> needs every gate's one-sided upper bound at level C within its margin. The
 *     run is GO only if all gates are, an intersection-union test, so the chance of a false GO
 *     stays at most 1 − C with no correction for the number of gates (Berger 1982).</li>
 * <li><b>NO_GO</b> needs some gate's one-sided lower bound at level 1 − (1 − C)/k beyond its
 *     margin: Bonferroni over the k gates, so the chance of a false NO_GO (any gate wrongly
 *     breached) stays at most 1 − C.</li>
 * </ul>
 * Anything else is INCONCLUSIVE.
 *
 * @param confidence C
 * @param gates      k, at least 1
 * @param spending   how C was spent over looks at a growing run ({@link Looks}), or empty
 */
record Levels(double confidence, int gates, String spending) {

    Levels(double confidence, int gates) {
        this(confidence, gates, "");
    }

    double go() {
        return confidence;
    }

    double noGo() {
        return 1 - (1 - confidence) / Math.max(1, gates);
    }

    Decision decide(double upperForGo, double lowerForNoGo, double limit) {
        if (lowerForNoGo > limit) {
            return Decision.NO_GO;
        }
        return upperForGo <= limit ? Decision.GO : Decision.INCONCLUSIVE;
    }

    /** The rule in words, for {@link GateResult#rule()}. */
    String rule(String quantity, String limit, String method) {
        return String.format(Locale.ROOT, "GO if the one-sided %s upper bound of %s <= %s; NO_GO if the one-sided %s "
                        + "lower bound > %s (Bonferroni over %d gates); else INCONCLUSIVE. Bounds: %s%s",
                percent(go()), quantity, limit, percent(noGo()), limit, gates, method,
                spending.isEmpty() ? "" : ". " + spending);
    }

    static String percent(double level) {
        String s = String.format(Locale.ROOT, "%.3f", level * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
