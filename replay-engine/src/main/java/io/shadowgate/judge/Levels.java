package io.shadowgate.judge;

import java.math.BigDecimal;
import java.math.MathContext;
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
 * Anything else is INCONCLUSIVE. When a run is also judged window by window, the whole run
 * and the windows each get half of the NO_GO error budget ({@code noGoShare} 1/2), so a false
 * NO_GO from either stays at most 1 − C together.
 *
 * @param confidence C
 * @param gates      k, at least 1: the NO_GO tests sharing the budget
 * @param spending   how C was spent over looks at a growing run ({@link Looks}), or empty
 * @param noGoShare  the share of the NO_GO error budget 1 − C these k tests get, in (0, 1]
 * @param family     the k tests in words, e.g. {@code 3 gates} or {@code 3 gates x 30 windows}
 */
record Levels(double confidence, int gates, String spending, double noGoShare, String family) {

    Levels(double confidence, int gates) {
        this(confidence, gates, "");
    }

    Levels(double confidence, int gates, String spending) {
        this(confidence, gates, spending, 1, gates + " gates");
    }

    /** The same levels for a family of {@code gates} tests, described as {@code family}. */
    Levels over(int gates, String family) {
        return new Levels(confidence, Math.max(1, gates), spending, noGoShare, family);
    }

    /** The same levels with {@code share} of the NO_GO budget. */
    Levels withNoGoShare(double share) {
        return new Levels(confidence, gates, spending, share, family);
    }

    double go() {
        return confidence;
    }

    double noGo() {
        return 1 - noGoShare * (1 - confidence) / Math.max(1, gates);
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
                        + "lower bound > %s (Bonferroni over %s%s); else INCONCLUSIVE. Bounds: %s%s",
                percent(go()), quantity, limit, percent(noGo()), limit, family,
                noGoShare < 1 ? ", with " + percent(noGoShare) + " of the NO_GO error budget" : "", method,
                spending.isEmpty() ? "" : ". " + spending);
    }

    /**
     * A level in percent to three decimals, or, when that would round it to 100 % (a look's
     * level at a growing run, {@link Looks}), with two significant digits of what it lacks.
     */
    static String percent(double level) {
        int decimals = 3;
        double lacking = 100 * (1 - level);
        if (level < 1 && lacking < 0.0005) {
            decimals = Math.min(13, 1 - (int) Math.floor(Math.log10(lacking)));
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", level * 100).replaceAll("0+$", "")
                .replaceAll("\\.$", "");
        return s + "%";
    }

    /** A share of the error budget in percent, two significant digits: {@code 1%}, {@code 0.084%}, {@code 8.4e-07%}. */
    static String share(double error) {
        double p = 100 * error;
        if (p >= 1e-4) {
            return new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString() + "%";
        }
        return p <= 0 ? "0%" : String.format(Locale.ROOT, "%.1e%%", p);
    }
}
