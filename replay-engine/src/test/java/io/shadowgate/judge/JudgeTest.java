package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.LinkedHashMap;
import java.util.Map;
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
}
