package io.shadowgate.compare;

import org.apache.commons.math3.stat.StatUtils;

/**
 * Classifies one metric of a candidate against its baseline as Spinnaker Kayenta's
 * Mann–Whitney classifier does, for teams migrating canary configurations from Kayenta; an
 * immutable configuration, safe to share between threads.
 *
 * <p>The rule (kayenta-judge {@code MannWhitneyClassifier}, as specified in our issue):
 * <ol>
 *   <li>NaN values are removed; if either side is then empty the metric is <b>Nodata</b>.
 *   <li>The {@link MannWhitney} test gives the Hodges–Lehmann estimate of candidate − baseline
 *       and its confidence interval [lower, upper] at the configured confidence.
 *   <li>bound = tolerance × |estimate|: a shift must stand clear of a fraction of itself.
 *   <li><b>High</b> when the direction allows an increase, lower &gt; +bound and the effect size
 *       is at least the allowed increase; <b>Low</b> when the direction allows a decrease,
 *       upper &lt; −bound and the effect size is at most the allowed decrease; else <b>Pass</b>.
 *   <li>If critical thresholds are set (a critical metric in Kayenta's terms), the same rule is
 *       first applied with them in place of the allowed ones; a High or Low there is returned
 *       with {@code critical = true}. A side without a critical threshold is never critical.
 * </ol>
 *
 * <p>Where Kayenta's code is recalled rather than checked, and followed as stated above:
 * <ul>
 *   <li>An effect size that cannot be computed (mean ratio over a baseline mean of 0) leaves
 *       the effect-size condition out, as Kayenta's comment "if the effect size cannot be
 *       calculated, the effect size threshold is ignored" says; it is reported as NaN.
 *   <li>Kayenta returns Pass early for identical samples and for samples holding one distinct
 *       value; the rule above gives Pass there anyway (the interval holds 0, the bound is 0).
 *   <li>Kayenta reports an effect size of 1.0 with every Pass; the measured one is reported here.
 *   <li>Kayenta may mark a critical metric's Nodata as critical; here Nodata is never critical,
 *       because there is no effect size to pass a threshold.
 *   <li>The default allowed increase and decrease is the measure's no-effect value: 1.0 for the
 *       mean ratio (Kayenta's default) and 0.5 for CLES (believed to be Kayenta's too; 1.0 would
 *       make a CLES High need complete separation and every CLES Low trivially allowed).
 * </ul>
 *
 * @param direction which changes count against the candidate
 * @param tolerance the fraction of |estimate| the interval must clear, &gt;= 0
 * @param confidence the interval's confidence level, in (0, 1)
 * @param effectSize the effect-size measure compared with the thresholds
 * @param allowedIncrease a High needs an effect size at least this
 * @param allowedDecrease a Low needs an effect size at most this
 * @param criticalIncrease a critical High needs an effect size at least this; null: none
 * @param criticalDecrease a critical Low needs an effect size at most this; null: none
 */
public record KayentaClassifier(Direction direction, double tolerance, double confidence, EffectSize effectSize,
        double allowedIncrease, double allowedDecrease, Double criticalIncrease, Double criticalDecrease) {

    /** Kayenta's default direction: a change either way counts. */
    public static final Direction DEFAULT_DIRECTION = Direction.EITHER;
    /** Kayenta's default effect-size measure. */
    public static final EffectSize DEFAULT_EFFECT_SIZE = EffectSize.MEAN_RATIO;

    /** The outcome of one metric, named as Kayenta names it. */
    public enum Classification {
        PASS("Pass"), HIGH("High"), LOW("Low"), NODATA("Nodata");

        private final String kayentaName;

        Classification(String kayentaName) {
            this.kayentaName = kayentaName;
        }

        /** "Pass", "High", "Low" or "Nodata", as in Kayenta's results. */
        public String kayentaName() {
            return kayentaName;
        }
    }

    /** Which changes of the metric count against the candidate. */
    public enum Direction {
        INCREASE, DECREASE, EITHER;

        boolean allowsIncrease() {
            return this != DECREASE;
        }

        boolean allowsDecrease() {
            return this != INCREASE;
        }
    }

    /** How big the change is, besides being significant. */
    public enum EffectSize {
        /** mean(candidate) / mean(baseline). */
        MEAN_RATIO(1.0),
        /** Common-language effect size: P(candidate value &gt; baseline value), ties counting half. */
        CLES(0.5);

        private final double noEffect;

        EffectSize(double noEffect) {
            this.noEffect = noEffect;
        }

        /** The value meaning "no change", and the default allowed increase and decrease. */
        public double noEffect() {
            return noEffect;
        }
    }

    public KayentaClassifier {
        if (direction == null || effectSize == null) {
            throw new IllegalArgumentException("direction and effect size are required");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, was " + tolerance);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        requireFinite("allowed increase", allowedIncrease);
        requireFinite("allowed decrease", allowedDecrease);
        if (criticalIncrease != null) {
            requireFinite("critical increase", criticalIncrease);
        }
        if (criticalDecrease != null) {
            requireFinite("critical decrease", criticalDecrease);
        }
    }

    /** The defaults for everything but tolerance and confidence: either direction, mean ratio, 1.0, no critical. */
    public static KayentaClassifier of(double tolerance, double confidence) {
        double noEffect = DEFAULT_EFFECT_SIZE.noEffect();
        return new KayentaClassifier(DEFAULT_DIRECTION, tolerance, confidence, DEFAULT_EFFECT_SIZE, noEffect, noEffect,
                null, null);
    }

    /** Classifies the candidate's values against the baseline's; NaN values are ignored. */
    public KayentaClassifierResult classify(double[] baseline, double[] candidate) {
        double[] b = MannWhitney.sortedWithoutNaN(baseline, "baseline");
        double[] c = MannWhitney.sortedWithoutNaN(candidate, "candidate");
        if (b.length == 0 || c.length == 0) {
            return new KayentaClassifierResult(Classification.NODATA, false, null, Double.NaN);
        }
        MannWhitneyResult test = MannWhitney.test(b, c, confidence);
        double effect = effectSizeOf(b, c, test);
        if (criticalIncrease != null || criticalDecrease != null) {
            Classification critical = compare(test, effect, criticalIncrease, criticalDecrease);
            if (critical != Classification.PASS) {
                return new KayentaClassifierResult(critical, true, test, effect);
            }
        }
        return new KayentaClassifierResult(compare(test, effect, allowedIncrease, allowedDecrease), false, test, effect);
    }

    /** Kayenta's compare(): significance beyond the bound, then size. A null threshold shuts that side. */
    private Classification compare(MannWhitneyResult test, double effect, Double increase, Double decrease) {
        double bound = tolerance * Math.abs(test.estimate());
        boolean high = increase != null && direction.allowsIncrease() && test.lower() > bound
                && (Double.isNaN(effect) || effect >= increase);
        if (high) {
            return Classification.HIGH;
        }
        boolean low = decrease != null && direction.allowsDecrease() && test.upper() < -bound
                && (Double.isNaN(effect) || effect <= decrease);
        return low ? Classification.LOW : Classification.PASS;
    }

    private double effectSizeOf(double[] baseline, double[] candidate, MannWhitneyResult test) {
        if (effectSize == EffectSize.CLES) {
            return test.commonLanguageEffectSize();
        }
        double ratio = StatUtils.mean(candidate) / StatUtils.mean(baseline);
        return Double.isFinite(ratio) ? ratio : Double.NaN;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }
}
