package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class JudgeTest {

    /** n responses, evenly spread between {@code lowMs} and {@code highMs}. */
    private static Histogram uniform(int n, double lowMs, double highMs) {
        Histogram h = Histograms.newHistogram();
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.round((lowMs + (highMs - lowMs) * i / (n - 1)) * 1_000));
        }
        return h;
    }

    private static OutcomeCounts counts(long ok, long errors) {
        return new OutcomeCounts(ok + errors, ok, 0, 0, errors, 0, 0, 0);
    }

    private static Gates gates(Map<Double, LatencyGate> latency, ErrorRateGate errors) {
        return new Gates(500, latency, errors);
    }

    private static Map<Double, LatencyGate> p99(Double maxIncrease, Double maxMs) {
        Map<Double, LatencyGate> m = new LinkedHashMap<>();
        m.put(99.0, new LatencyGate(maxIncrease, maxMs));
        return m;
    }

    @Test
    void aCandidateWithinEveryLimitIsGo() {
        // 20,000 requests a side: enough for a 0.1-point difference in errors to be shown within 0.5 points.
        Evidence ev = new Evidence("all", uniform(2000, 1, 100), uniform(2000, 1, 105), counts(20_000, 100), counts(20_000, 120));
        Verdict v = new Judge(gates(p99(0.10, 200.0), new ErrorRateGate(0.005))).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.GO);
        assertThat(v.gates()).extracting(GateResult::gate)
                .containsExactly("latency p99 increase", "latency p99 budget", "error rate increase");
        GateResult relative = v.gates().get(0);
        assertThat(relative.estimate()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.01));
        assertThat(relative.rule()).contains("GO if the one-sided 99% upper bound").contains("<= +10.0%")
                .contains("Bonferroni over 3 gates");
        assertThat(relative.interval().lower()).isLessThan(0.05);
        assertThat(relative.interval().upper()).isBetween(0.05, 0.10);
    }

    /**
     * Unpaired, the bounds come from each side's order-statistic interval (Price-Bonett):
     * SE(log ratio) = 0.003254 and bounds 1.5 x exp(-/+ z(0.99) x SE) - 1 = [+48.87 %, +51.14 %]
     * (scipy 1.17.1: binom.ppf ranks 1971 and 1989 of 2,000 at 2.5 % and 97.5 %, norm.ppf).
     */
    @Test
    void aSlowerTailIsNoGoAndSaysByHowMuch() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 100), uniform(2000, 1, 150), counts(2000, 0), counts(2000, 0));
        Verdict v = new Judge(gates(p99(0.10, null), null)).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.reasons()).singleElement().asString()
                .isEqualTo("latency p99 increase: candidate 149 ms vs baseline 99.1 ms, +50.0% [+48.9%, +51.1%], limit +10.0%");
    }

    @Test
    void anAbsoluteBudgetIsCheckedOnTheCandidateAlone() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 300), uniform(2000, 1, 280), counts(2000, 0), counts(2000, 0));
        Verdict v = new Judge(gates(p99(0.10, 250.0), null)).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.gates()).extracting(GateResult::decision).containsExactly(Decision.GO, Decision.NO_GO);
    }

    @Test
    void moreErrorsThanTheMarginIsNoGo() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 10), uniform(2000, 1, 10), counts(1990, 10), counts(1950, 50));
        Verdict v = new Judge(gates(Map.of(), new ErrorRateGate(0.005))).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.gates().get(0).estimate()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.reasons().get(0)).contains("+2.00 pp").contains("limit +0.500 pp");
    }

    @Test
    void aSmallDifferenceOnLittleTrafficIsInconclusiveAndSaysHowMuchMoreWouldDecide() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 10), uniform(2000, 1, 10), counts(2000, 10), counts(2000, 12));
        GateResult errors = new Judge(gates(Map.of(), new ErrorRateGate(0.005))).judge(ev).gates().get(0);

        assertThat(errors.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(errors.interval().lower()).isLessThan(0);
        assertThat(errors.interval().upper()).isGreaterThan(0.005);
        assertThat(errors.reason()).contains("requests per target in all would likely decide");
    }

    @Test
    void fewErrorsAreJudgedByTheExactTest() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 10), uniform(2000, 1, 10), counts(1500, 1), counts(1500, 2));
        GateResult errors = new Judge(gates(Map.of(), new ErrorRateGate(0.01))).judge(ev).gates().get(0);

        assertThat(errors.rule()).contains("exact unconditional");
        assertThat(errors.decision()).isEqualTo(Decision.GO);
    }

    @Test
    void tooFewResponsesIsInconclusiveNotAGuess() {
        Evidence ev = new Evidence("all", uniform(100, 1, 10), uniform(100, 1, 1000), counts(100, 0), counts(100, 0));
        Verdict v = new Judge(gates(p99(0.10, null), new ErrorRateGate(0.005))).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(v.reasons()).anySatisfy(r -> assertThat(r).contains("only 100 responses, at least 500 needed"));
    }

    @Test
    void aHighPercentileNeedsEnoughResponsesBeyondIt() {
        Map<Double, LatencyGate> p999 = Map.of(99.9, new LatencyGate(0.10, null));
        Evidence ev = new Evidence("all", uniform(2000, 1, 10), uniform(2000, 1, 10), counts(2000, 0), counts(2000, 0));
        Verdict v = new Judge(gates(p999, null)).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(v.reasons().get(0)).contains("p99.9 needs at least 10000");
    }

    @Test
    void noGatesCannotPreAuthorize() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 10), uniform(2000, 1, 10), counts(2000, 0), counts(2000, 0));
        Verdict v = new Judge(gates(Map.of(), null)).judge(ev);

        assertThat(v.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(v.reasons().get(0)).contains("no gates");
    }

    /**
     * With planned looks, a look's rule says what it spent: look 2 of 5 at C = 0.99 spends
     * alpha(2/5) - alpha(1/5) = 4.6e-5 (see LooksTest), the closing judgement after 4 looks what
     * they left, 1 % - alpha(4/5) = 0.60 %. Looks that early spend so little that even the
     * exact error-rate test and the NO_GO side's Bonferroni levels stay below 1.
     */
    @Test
    void aLookAtAPlannedRunSaysWhatItSpent() {
        Evidence ev = new Evidence("all", uniform(2000, 1, 100), uniform(2000, 1, 105), counts(20_000, 100), counts(20_000, 120));
        Evidence fewErrors = new Evidence("all", uniform(2000, 1, 100), uniform(2000, 1, 105), counts(1500, 1), counts(1500, 2));
        Gates gates = gates(p99(0.10, 200.0), new ErrorRateGate(0.01));

        Verdict look = Judge.atInterimLook(gates, 1, 2, 5).judge(ev);
        assertThat(look.gates().get(0).rule()).contains("Look 2 at a growing run: confidence 99.995%, its share 0.0046% "
                + "of the 1% error budget, O'Brien-Fleming-type spending over 5 planned looks")
                .contains("at t = 2/5 (0.0046% spent by this look)").contains("at most 1% (a union bound over the looks, "
                        + "so anytime-valid)");
        Verdict earliest = Judge.atInterimLook(gates, 1, 4, 20).judge(fewErrors);
        assertThat(earliest.gates()).hasSize(3);
        assertThat(earliest.gates().get(2).rule()).contains("exact unconditional");
        assertThat(earliest.gates().get(0).rule()).contains("confidence 99.99999916%, its share 8.4e-07% of the 1%");
        Verdict closing = Judge.afterLooks(gates, 1, 4, 5).judge(ev);
        assertThat(closing.gates().get(0).rule()).contains("Final judgement after 4 undecided looks: confidence 99.398%, "
                + "the 0.6% the looks left of the 1% error budget (the looks spent 0.4% by O'Brien-Fleming-type "
                + "spending over 5 planned looks, up to t = 4/5)");
        assertThat(Judge.atInterimLook(gates, 1, 5, 5).judge(ev).gates().get(0).rule()).contains("Look 5 at a growing "
                + "run: confidence 99.699%, its share 0.3% of the 1% error budget, at or beyond the last of 5 planned "
                + "looks: 1/(i(i+1)) at i = 1 of the 0.6% the looks before it left");
        assertThat(Judge.afterLooks(gates, 1, 6, 5).judge(ev).gates().get(0).rule()).contains("confidence 99.799%, "
                + "the 0.2% the looks left").contains("the looks before the last of 5 planned spent 0.4% by "
                + "O'Brien-Fleming-type spending, and the 2 look(s) since shared the rest as 1/(i(i+1))");
        assertThat(Judge.afterLooks(gates, 1, 3, 0).judge(ev).gates().get(0).rule())
                .contains("confidence 99.75%, the 0.25% the looks left").contains("(1 - C)/(j(j+1)) each");
        assertThatThrownBy(() -> Judge.atInterimLook(gates, 1, 1, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("look 1 of 20 planned spends nothing");
    }

    /**
     * The relative gates of one scope share one bootstrap of its request pairs; each gate still
     * comes out exactly as without the others: the p50 gate beside a p99 relative gate, and
     * beside a p99 budget (the same family of two gates), on 5,000 correlated pairs.
     */
    @Test
    void relativeGatesOnTheSamePairsAreEachJudgedAsIfAlone() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5_000;
        double[] b = new double[n];
        double[] c = new double[n];
        Histogram baseline = Histograms.newHistogram();
        Histogram candidate = Histograms.newHistogram();
        for (int i = 0; i < n; i++) {
            double shared = random.nextGaussian();
            b[i] = Math.round(8_000 * Math.exp(0.3 * (shared + random.nextGaussian())));
            c[i] = Math.round(8_200 * Math.exp(0.3 * (shared + random.nextGaussian())));
            baseline.recordValue((long) b[i]);
            candidate.recordValue((long) c[i]);
        }
        Evidence ev = new Evidence("all", baseline, candidate, counts(n, 0), counts(n, 0), new PairedLatencies(b, c, n, n));
        Map<Double, LatencyGate> twoRelative = new LinkedHashMap<>();
        twoRelative.put(50.0, new LatencyGate(0.05, null));
        twoRelative.put(99.0, new LatencyGate(0.05, null));
        Map<Double, LatencyGate> oneRelative = new LinkedHashMap<>();
        oneRelative.put(50.0, new LatencyGate(0.05, null));
        oneRelative.put(99.0, new LatencyGate(null, 250.0));

        GateResult together = new Judge(gates(twoRelative, null)).judge(ev).gates().get(0);
        GateResult alone = new Judge(gates(oneRelative, null)).judge(ev).gates().get(0);

        assertThat(together.gate()).isEqualTo("latency p50 increase");
        assertThat(together).isEqualTo(alone);
    }
}
