package io.shadowgate.compare.model;

import static io.shadowgate.compare.model.ModelComparisonRecorderTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelGatesTest {

    private static final ModelOutputPaths PATHS = ModelOutputPaths.of("$.label", "$.score", null);

    /** 1,000 pairs, 200 flipped: the one-sided 99% Wilson bounds are about [0.171, 0.231]. */
    @Test
    void flipRateHoldsBreachesOrStaysUndecidedByItsWilsonBounds() {
        ModelComparisonSummary s = flips(200, 1000);
        ModelGateResult holds = ModelGates.maxLabelFlipRate(s, 0.25, 0.01);
        assertThat(holds.outcome()).isEqualTo(GateOutcome.HOLDS);
        assertThat(holds.estimate()).isEqualTo(0.2);
        assertThat(holds.upper()).isCloseTo(WilsonInterval.of(200, 1000, 0.98).upper(), within(1e-15));
        assertThat(holds.lower()).isCloseTo(WilsonInterval.of(200, 1000, 0.98).lower(), within(1e-15));
        assertThat(holds.samples()).isEqualTo(1000);
        assertThat(holds.rule()).isEqualTo("HOLDS if the one-sided 99% upper bound of the label flip rate <= 25%; "
                + "BREACHED if the one-sided 99% lower bound > 25%; else UNDECIDED. Bounds: Wilson score interval (Wilson 1927)");
        assertThat(holds.reason()).startsWith("label flip rate: 200 of 1000 pairs flipped, 20% [17.222%, 23.101%], limit 25%");
        assertThat(ModelGates.maxLabelFlipRate(s, 0.10, 0.01).outcome()).isEqualTo(GateOutcome.BREACHED);
        assertThat(ModelGates.maxLabelFlipRate(s, 0.20, 0.01).outcome()).isEqualTo(GateOutcome.UNDECIDED);
    }

    @Test
    void separateLevelsForEachSideWidenOnlyThatSide() {
        ModelComparisonSummary s = flips(200, 1000);
        ModelGateResult r = ModelGates.maxLabelFlipRate(s, 0.5, 0.05, 0.001);
        assertThat(r.upper()).isCloseTo(WilsonInterval.of(200, 1000, 0.90).upper(), within(1e-15));
        assertThat(r.lower()).isCloseTo(WilsonInterval.of(200, 1000, 0.998).lower(), within(1e-15));
    }

    @Test
    void fewPairsLeaveTheFlipRateUndecidedAndNoneSaySo() {
        assertThat(ModelGates.maxLabelFlipRate(flips(0, 5), 0.05, 0.01).outcome()).isEqualTo(GateOutcome.UNDECIDED);
        ModelGateResult none = ModelGates.maxLabelFlipRate(new ModelComparisonRecorder(PATHS, 1).summary(), 0.05, 0.01);
        assertThat(none.outcome()).isEqualTo(GateOutcome.UNDECIDED);
        assertThat(none.estimate()).isNaN();
        assertThat(none.reason()).startsWith("label flip rate: no pair had a label on both sides");
    }

    /** Scores moved by 0.01 ± 0.005 with a tolerance of 0.05: a small drift, and it holds. */
    @Test
    void scoresShiftedWithinToleranceHold() {
        ModelGateResult r = ModelGates.maxScoreDrift(shifted(0.01, 2000), 0.05, 0.01);
        assertThat(r.outcome()).isEqualTo(GateOutcome.HOLDS);
        assertThat(r.estimate()).isCloseTo(0.01, within(0.001));
        assertThat(r.upper()).isLessThan(0.05);
        assertThat(r.reason()).contains("p99 ").contains("KS D ");
    }

    @Test
    void aLargeShiftIsBreached() {
        ModelGateResult r = ModelGates.maxScoreDrift(shifted(0.2, 2000), 0.05, 0.01);
        assertThat(r.outcome()).isEqualTo(GateOutcome.BREACHED);
        assertThat(r.lower()).isGreaterThan(0.05);
    }

    /**
     * Known answer from scipy 1.17.1: d = [((i+1)*0.7548776662) % 1.0 * 0.1 for i in range(40)];
     * m = np.mean(d); se = np.std(d, ddof=1)/sqrt(40);
     * m + stats.t.ppf(0.99, 39)*se = 0.05836505050299604, m - stats.t.ppf(0.995, 39)*se = 0.03536992433596667,
     * m = 0.04749921570999993.
     */
    @Test
    void driftBoundsAreStudentTBoundsMatchingScipy() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(PATHS, 1);
        for (int i = 0; i < 40; i++) {
            recorder.add(i, body("a", 0), body("a", ((i + 1) * 0.7548776662) % 1.0 * 0.1));
        }
        ModelGateResult r = ModelGates.maxScoreDrift(recorder.summary(), 0.06, 0.01, 0.005);
        assertThat(r.estimate()).isCloseTo(0.04749921570999993, within(1e-14));
        assertThat(r.upper()).isCloseTo(0.05836505050299604, within(1e-9));
        assertThat(r.lower()).isCloseTo(0.03536992433596667, within(1e-9));
        assertThat(r.outcome()).isEqualTo(GateOutcome.HOLDS);
        assertThat(ModelGates.maxScoreDrift(recorder.summary(), 0.03, 0.01, 0.005).outcome())
                .isEqualTo(GateOutcome.BREACHED);
        assertThat(ModelGates.maxScoreDrift(recorder.summary(), 0.05, 0.01, 0.005).outcome())
                .isEqualTo(GateOutcome.UNDECIDED);
    }

    @Test
    void fewerThanThirtyScoredPairsStayUndecidedEvenWhenTheIntervalIsNarrow() {
        ModelGateResult r = ModelGates.maxScoreDrift(shifted(0.2, 20), 0.05, 0.01);
        assertThat(r.outcome()).isEqualTo(GateOutcome.UNDECIDED);
        assertThat(r.lower()).isGreaterThan(0.05);
        assertThat(r.reason()).contains("only 20 pairs scored on both sides, at least 30 needed");
        ModelGateResult none = ModelGates.maxScoreDrift(new ModelComparisonRecorder(PATHS, 1).summary(), 0.05, 0.01);
        assertThat(none.outcome()).isEqualTo(GateOutcome.UNDECIDED);
        assertThat(none.upper()).isNaN();
    }

    @Test
    void identicalScoresHoldAtAnyLimit() {
        ModelGateResult r = ModelGates.maxScoreDrift(shifted(0, 100), 0, 0.01);
        assertThat(r.estimate()).isZero();
        assertThat(r.outcome()).isEqualTo(GateOutcome.HOLDS);
    }

    @Test
    void badLimitsAndLevelsAreRefused() {
        ModelComparisonSummary s = flips(1, 10);
        assertThatThrownBy(() -> ModelGates.maxLabelFlipRate(s, 1.5, 0.01)).hasMessageContaining("must be in [0, 1]");
        assertThatThrownBy(() -> ModelGates.maxLabelFlipRate(s, 0.1, 0.5)).hasMessageContaining("alpha must be in (0, 0.5)");
        assertThatThrownBy(() -> ModelGates.maxScoreDrift(s, -1, 0.01)).hasMessageContaining("finite and >= 0");
    }

    private static ModelComparisonSummary flips(int flipped, int pairs) {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(PATHS, 1);
        for (int i = 0; i < pairs; i++) {
            recorder.add(i, body("cat", 0.5), body(i < flipped ? "dog" : "cat", 0.5));
        }
        return recorder.summary();
    }

    /** Candidate = baseline + shift + uniform noise in ±0.005 (none when shift is 0), seeded. */
    private static ModelComparisonSummary shifted(double shift, int pairs) {
        SplittableRandom random = new SplittableRandom(99);
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(PATHS, 1);
        for (int i = 0; i < pairs; i++) {
            double b = random.nextDouble();
            double noise = shift == 0 ? 0 : (random.nextDouble() - 0.5) * 0.01;
            recorder.add(i, body("a", b), body("a", b + shift + noise));
        }
        return recorder.summary();
    }
}
