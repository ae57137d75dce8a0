package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Properties the decision rule must have whatever the data. */
class JudgePropertiesTest {

    private static final Gates P90_TEN_PERCENT = new Gates(500, Map.of(90.0, new LatencyGate(0.10, null)), null, 0.99);

    /** n pairs of log-normal latencies, candidate = baseline × scale × independent noise. */
    private static Evidence evidence(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] b = new double[n];
        double[] c = new double[n];
        Histogram hb = Histograms.newHistogram();
        Histogram hc = Histograms.newHistogram();
        for (int i = 0; i < n; i++) {
            double common = Math.exp(0.4 * random.nextGaussian());
            b[i] = 10_000 * common * Math.exp(0.1 * random.nextGaussian());
            c[i] = scale * 10_000 * common * Math.exp(0.1 * random.nextGaussian());
            hb.recordValue(Math.round(b[i]));
            hc.recordValue(Math.round(c[i]));
        }
        OutcomeCounts counts = new OutcomeCounts(n, n, 0, 0, 0, 0, 0, 0);
        return new Evidence("all", hb, hc, counts, counts, new PairedLatencies(b, c, n, n));
    }

    @Test
    void identicalInputsAreNeverNoGo() {
        for (long seed = 1; seed <= 20; seed++) {
            Evidence e = evidence(2000, 1.0, seed);
            Evidence same = new Evidence("all", e.baselineLatency(), e.baselineLatency(), e.baseline(), e.baseline(),
                    new PairedLatencies(e.pairs().baseline(), e.pairs().baseline(), e.pairs().size(), e.pairs().seen()));
            assertThat(new Judge(P90_TEN_PERCENT, seed).judge(same).decision()).isEqualTo(Decision.GO);
            assertThat(new Judge(P90_TEN_PERCENT, seed).judge(e).decision()).isNotEqualTo(Decision.NO_GO);
        }
    }

    @Test
    void moreRegressionNeverTurnsNoGoIntoGo() {
        Decision previous = Decision.GO;
        for (double scale = 1.0; scale <= 1.4; scale += 0.02) {
            Decision d = new Judge(P90_TEN_PERCENT, 5).judge(evidence(3000, scale, 5)).decision();
            // Ordered GO < INCONCLUSIVE < NO_GO as the regression grows: never back down.
            assertThat(rank(d)).isGreaterThanOrEqualTo(rank(previous));
            previous = d;
        }
        assertThat(previous).isEqualTo(Decision.NO_GO);
    }

    @Test
    void aRegressionWellBeyondTheMarginIsNoGoAndAGoodCandidateGo() {
        assertThat(new Judge(P90_TEN_PERCENT, 1).judge(evidence(3000, 1.3, 9)).decision()).isEqualTo(Decision.NO_GO);
        assertThat(new Judge(P90_TEN_PERCENT, 1).judge(evidence(3000, 0.95, 9)).decision()).isEqualTo(Decision.GO);
        GateResult thin = new Judge(P90_TEN_PERCENT, 1).judge(evidence(3000, 1.10, 9)).gates().get(0);
        assertThat(thin.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(thin.reason()).contains("request pairs in all would likely decide");
    }

    @Test
    void theSmallestDetectableRegressionLiesBeyondTheMarginAndShrinksWithTraffic() {
        double small = new Judge(P90_TEN_PERCENT, 1).judge(evidence(2000, 1.0, 3)).gates().get(0).detectable();
        double large = new Judge(P90_TEN_PERCENT, 1).judge(evidence(20000, 1.0, 3)).gates().get(0).detectable();

        assertThat(small).isGreaterThan(0.10);
        assertThat(large).isBetween(0.10, small);
    }

    private static int rank(Decision d) {
        return switch (d) {
            case GO -> 0;
            case INCONCLUSIVE -> 1;
            case NO_GO -> 2;
        };
    }
}
