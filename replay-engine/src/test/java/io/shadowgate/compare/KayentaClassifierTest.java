package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.compare.KayentaClassifier.Classification;
import io.shadowgate.compare.KayentaClassifier.Direction;
import io.shadowgate.compare.KayentaClassifier.EffectSize;
import io.shadowgate.compare.MannWhitneyTest.Reference;
import org.junit.jupiter.api.Test;

/**
 * Each expected classification follows from R's reference numbers (see {@link MannWhitneyTest}
 * for their provenance) and the rule: High when lower &gt; tolerance × |estimate| and the
 * effect size reaches the allowed increase; Low mirrored; else Pass. The comments do the sums.
 */
class KayentaClassifierTest {

    private static KayentaClassifier classifier(Direction direction, double tolerance, double confidence,
            EffectSize effectSize, double allowedIncrease, double allowedDecrease, Double criticalIncrease,
            Double criticalDecrease) {
        return new KayentaClassifier(direction, tolerance, confidence, effectSize, allowedIncrease, allowedDecrease,
                criticalIncrease, criticalDecrease);
    }

    private static KayentaClassifierResult classify(KayentaClassifier classifier, String reference) {
        double[][] s = MannWhitneyTest.samples(reference);
        return classifier.classify(s[0], s[1]);
    }

    @Test
    void aSignificantIncreaseBeyondTheBoundIsHigh() {
        // shift-up at 95%: lower 1.69413 > 0.25 x |3.66076| = 0.91519; mean ratio 1.03744 >= 1.0.
        Reference r = MannWhitneyTest.reference("shift-up");
        KayentaClassifierResult result = classify(KayentaClassifier.of(0.25, 0.95), "shift-up");

        assertThat(result.classification()).isEqualTo(Classification.HIGH);
        assertThat(result.critical()).isFalse();
        assertThat(result.estimate()).isCloseTo(r.hodgesLehmann(), within(1e-12));
        assertThat(result.lower()).isCloseTo(r.lowerTight(), within(1e-9));
        assertThat(result.upper()).isCloseTo(r.upperTight(), within(1e-9));
        assertThat(result.effectSize()).isCloseTo(r.meanRatio(), within(1e-12));
    }

    @Test
    void theDirectionDecidesWhichChangesCount() {
        KayentaClassifier increase = classifier(Direction.INCREASE, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, null, null);
        KayentaClassifier decrease = classifier(Direction.DECREASE, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, null, null);

        assertThat(classify(increase, "shift-up").classification()).isEqualTo(Classification.HIGH);
        assertThat(classify(decrease, "shift-up").classification()).isEqualTo(Classification.PASS);
        // shift-down at 98%: upper -2.28520 < -0.25 x 2.91204 = -0.72801; ratio 0.90294 <= 1.0.
        KayentaClassifier increase98 = classifier(Direction.INCREASE, 0.25, 0.98, EffectSize.MEAN_RATIO, 1, 1, null, null);
        assertThat(classify(KayentaClassifier.of(0.25, 0.98), "shift-down").classification()).isEqualTo(Classification.LOW);
        assertThat(classify(increase98, "shift-down").classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void theToleranceIsAShareOfTheEstimateThatTheIntervalMustClear() {
        // shift-up: lower / |estimate| = 1.69413 / 3.66076 = 0.4628.
        assertThat(classify(KayentaClassifier.of(0.45, 0.95), "shift-up").classification()).isEqualTo(Classification.HIGH);
        assertThat(classify(KayentaClassifier.of(0.47, 0.95), "shift-up").classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void aChangeSmallerThanTheAllowedEffectSizePasses() {
        // shift-up: mean ratio 1.03744 < 1.05; shift-down: 0.90294 > 0.9.
        KayentaClassifier up = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1.05, 1, null, null);
        KayentaClassifier down = classifier(Direction.EITHER, 0.25, 0.98, EffectSize.MEAN_RATIO, 1, 0.9, null, null);

        assertThat(classify(up, "shift-up").classification()).isEqualTo(Classification.PASS);
        assertThat(classify(down, "shift-down").classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void theCommonLanguageEffectSizeIsUOverNm() {
        // shift-up: CLES = W / (n m) = 24132 / 40000 = 0.6033; its default allowed increase is 0.5.
        KayentaClassifier cles = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.CLES, 0.5, 0.5, null, null);
        KayentaClassifier strict = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.CLES, 0.61, 0.5, null, null);

        KayentaClassifierResult result = classify(cles, "shift-up");
        assertThat(result.classification()).isEqualTo(Classification.HIGH);
        assertThat(result.effectSize()).isCloseTo(0.6033, within(1e-15));
        assertThat(classify(strict, "shift-up").classification()).isEqualTo(Classification.PASS);
        // shift-down: CLES 0.25401 <= 0.5, upper end below the bound: Low.
        KayentaClassifier cles98 = classifier(Direction.EITHER, 0.25, 0.98, EffectSize.CLES, 0.5, 0.5, null, null);
        assertThat(classify(cles98, "shift-down").classification()).isEqualTo(Classification.LOW);
    }

    @Test
    void anEffectBeyondTheCriticalThresholdIsCritical() {
        // shift-up: ratio 1.03744 >= 1.03 but < 1.04. shift-down: ratio 0.90294 <= 0.95 but > 0.9.
        assertThat(classify(classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, 1.03, 0.9), "shift-up"))
                .extracting(KayentaClassifierResult::classification, KayentaClassifierResult::critical)
                .containsExactly(Classification.HIGH, true);
        assertThat(classify(classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, 1.04, 0.9), "shift-up"))
                .extracting(KayentaClassifierResult::classification, KayentaClassifierResult::critical)
                .containsExactly(Classification.HIGH, false);
        assertThat(classify(classifier(Direction.EITHER, 0.25, 0.98, EffectSize.MEAN_RATIO, 1, 1, null, 0.95), "shift-down"))
                .extracting(KayentaClassifierResult::classification, KayentaClassifierResult::critical)
                .containsExactly(Classification.LOW, true);
        assertThat(classify(classifier(Direction.EITHER, 0.25, 0.98, EffectSize.MEAN_RATIO, 1, 1, 1.5, 0.9), "shift-down"))
                .extracting(KayentaClassifierResult::classification, KayentaClassifierResult::critical)
                .containsExactly(Classification.LOW, false);
        // A side without a critical threshold is never critical.
        assertThat(classify(classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, null, 0.5), "shift-up")
                .critical()).isFalse();
    }

    @Test
    void theCriticalRuleIsCheckedFirstAsInKayenta() {
        // A critical increase below the allowed one: the critical High wins, ratio 1.03744 >= 1.01.
        KayentaClassifier odd = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1.05, 1, 1.01, null);

        assertThat(classify(odd, "shift-up"))
                .extracting(KayentaClassifierResult::classification, KayentaClassifierResult::critical)
                .containsExactly(Classification.HIGH, true);
    }

    @Test
    void noSignificantShiftPasses() {
        // same: lower -0.33495 < 0 <= bound. identical: estimate 0, the interval holds 0.
        assertThat(classify(KayentaClassifier.of(0.25, 0.95), "same").classification()).isEqualTo(Classification.PASS);
        KayentaClassifierResult identical = classify(KayentaClassifier.of(0, 0.95), "identical");
        assertThat(identical.classification()).isEqualTo(Classification.PASS);
        assertThat(identical.estimate()).isZero();
        assertThat(identical.effectSize()).isEqualTo(1.0);
    }

    @Test
    void anIntervalEndingExactlyAtZeroDoesNotClearAZeroBound() {
        // poisson at 99%: the exact lower end is the difference 0 (integers); R's default
        // uniroot stops at 1.0e-5, which would clear a zero tolerance and read as High.
        KayentaClassifierResult result = classify(KayentaClassifier.of(0, 0.99), "poisson");

        assertThat(result.lower()).isZero();
        assertThat(result.classification()).isEqualTo(Classification.PASS);
    }

    @Test
    void anEmptySideIsNodataAfterNanRemoval() {
        KayentaClassifier critical = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 1, 1, 1.1, 0.9);

        KayentaClassifierResult empty = critical.classify(new double[0], new double[] {1, 2});
        KayentaClassifierResult nan = critical.classify(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN});

        for (KayentaClassifierResult r : new KayentaClassifierResult[] {empty, nan}) {
            assertThat(r.classification()).isEqualTo(Classification.NODATA);
            assertThat(r.critical()).isFalse();
            assertThat(r.test()).isNull();
            assertThat(r.estimate()).isNaN();
            assertThat(r.effectSize()).isNaN();
        }
    }

    @Test
    void anEffectSizeThatCannotBeComputedIsIgnored() {
        // Baseline mean 0: no mean ratio. Differences 4..8, median 6; with 3 + 3 values the 95%
        // interval is the whole range [4, 8], and 4 > 0.25 x 6: High whatever the allowed increase.
        KayentaClassifier demanding = classifier(Direction.EITHER, 0.25, 0.95, EffectSize.MEAN_RATIO, 100, 1, null, null);

        KayentaClassifierResult result = demanding.classify(new double[] {-1, 0, 1}, new double[] {5, 6, 7});

        assertThat(result.classification()).isEqualTo(Classification.HIGH);
        assertThat(result.effectSize()).isNaN();
        assertThat(result.estimate()).isEqualTo(6.0);
        assertThat(new double[] {result.lower(), result.upper()}).containsExactly(4.0, 8.0);
    }

    @Test
    void settingsAreCheckedWhenMade() {
        assertThatThrownBy(() -> KayentaClassifier.of(-0.1, 0.95)).hasMessageContaining("tolerance must be");
        assertThatThrownBy(() -> KayentaClassifier.of(0.25, 0)).hasMessageContaining("confidence must be");
        assertThatThrownBy(() -> classifier(Direction.EITHER, 0.25, 0.95, EffectSize.CLES, Double.NaN, 0.5, null, null))
                .hasMessageContaining("allowed increase must be a finite number");
    }
}
