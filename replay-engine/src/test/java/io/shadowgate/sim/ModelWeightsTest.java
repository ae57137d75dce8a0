package io.shadowgate.sim;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The version-seeded fake model. */
class ModelWeightsTest {

    private static final double[] X = {0.5, -1.25, 3.0, 0.0, 7.5};

    @Test
    void sameVersionSameScoreAcrossInstances() {
        assertThat(new ModelWeights("v1").score(X)).isEqualTo(new ModelWeights("v1").score(X));
    }

    @Test
    void differentVersionsScoreDifferently() {
        SplittableRandom rng = new SplittableRandom(1);
        ModelWeights a = new ModelWeights("fraud-2024-06-01");
        ModelWeights b = new ModelWeights("fraud-2024-05-01");
        int differ = 0;
        int flips = 0;
        for (int i = 0; i < 200; i++) {
            double[] x = rng.doubles(8, -2, 2).toArray();
            differ += a.score(x) != b.score(x) ? 1 : 0;
            flips += !ModelWeights.label(a.score(x)).equals(ModelWeights.label(b.score(x))) ? 1 : 0;
        }
        assertThat(differ).isEqualTo(200);
        // Independent random models disagree on labels often, but not always.
        assertThat(flips).isBetween(20, 180);
    }

    @Test
    void scoresAreProbabilitiesRoundedToSixDecimals() {
        SplittableRandom rng = new SplittableRandom(2);
        ModelWeights m = new ModelWeights("v1");
        for (int i = 0; i < 1000; i++) {
            double s = m.score(rng.doubles(1 + rng.nextInt(50), -100, 100).toArray());
            assertThat(s).isBetween(0.0, 1.0);
            assertThat(BigDecimal.valueOf(s).stripTrailingZeros().scale()).as("%s", s).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void weightsAreBoundedAndWorkForAnyLength() {
        ModelWeights m = new ModelWeights("v1");
        assertThat(m.weight(0)).isBetween(-1.0, 1.0);
        assertThat(m.weight(1_000_000)).isBetween(-1.0, 1.0);
        assertThat(m.score(new double[0])).isBetween(0.0, 1.0);
        assertThat(m.score(new double[10_000])).isEqualTo(m.score(new double[0]));
    }

    @Test
    void labelIsPositiveFromOneHalf() {
        assertThat(ModelWeights.label(0.5)).isEqualTo("positive");
        assertThat(ModelWeights.label(0.499999)).isEqualTo("negative");
    }

    @Test
    void overflowingInputsStillGiveAScore() {
        double s = new ModelWeights("v1").score(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE});
        assertThat(s).isBetween(0.0, 1.0);
    }
}
