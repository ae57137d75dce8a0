package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Judging a run window by window: a regression in part of the run is found and placed in time. */
class JudgeWindowsTest {

    private static final Gates P50 = new Gates(500, Map.of(50.0, new LatencyGate(0.10, null)), null);

    /** n shadow pairs, log-normal around 10 ms, the candidate {@code factor} times slower with a little noise. */
    private static Evidence pairs(String scope, int n, double factor, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] b = new double[n];
        double[] c = new double[n];
        Histogram hb = Histograms.newHistogram();
        Histogram hc = Histograms.newHistogram();
        for (int i = 0; i < n; i++) {
            double work = 10_000 * Math.exp(0.3 * gaussian(random));
            b[i] = work * Math.exp(0.05 * gaussian(random));
            c[i] = factor * work * Math.exp(0.05 * gaussian(random));
            hb.recordValue(Math.round(b[i]));
            hc.recordValue(Math.round(c[i]));
        }
        OutcomeCounts ok = new OutcomeCounts(n, n, 0, 0, 0, 0, 0, 0);
        return new Evidence(scope, hb, hc, ok, ok, new PairedLatencies(b, c, n, n));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Ten windows of 2,000 pairs; window 8 (70-80 s) has a candidate 30 % slower. */
    private static List<WindowVerdict> tenWindows(Judge judge, int slowWindow) {
        List<WindowVerdict> windows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double factor = i == slowWindow ? 1.3 : 1.0;
            windows.add(judge.judgeWindow(i, i * 10_000L, (i + 1) * 10_000L,
                    pairs("window " + i * 10 + "-" + (i + 1) * 10 + " s", 2_000, factor, i)));
        }
        return windows;
    }

    @Test
    void aRegressionInOneWindowMakesTheRunNoGoAndSaysWhen() {
        Judge judge = new Judge(P50, 1).withWindows(10);
        List<WindowVerdict> windows = tenWindows(judge, 7);
        // The whole run, diluted: the median moves about 3 %, well within the 10 % margin.
        Evidence whole = pairs("all", 20_000, 1.03, 99);

        Verdict v = judge.judge(List.of(whole), windows);

        assertThat(windows).extracting(WindowVerdict::decision).containsOnly(Decision.GO, Decision.NO_GO);
        assertThat(windows.get(7).decision()).isEqualTo(Decision.NO_GO);
        assertThat(windows).filteredOn(w -> w.index() != 7).extracting(WindowVerdict::decision).containsOnly(Decision.GO);
        assertThat(v.gates().get(0).decision()).isEqualTo(Decision.GO);
        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.reasons()).singleElement().asString().startsWith("window 70-80 s: latency p50 increase:");
        assertThat(v.windows()).hasSize(10);
    }

    @Test
    void aRegressionTheWholeRunAlreadyShowsIsNotRepeatedForEveryWindow() {
        Judge judge = new Judge(P50, 1).withWindows(10);
        List<WindowVerdict> windows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            windows.add(judge.judgeWindow(i, i * 10_000L, (i + 1) * 10_000L,
                    pairs("window " + i * 10 + "-" + (i + 1) * 10 + " s", 2_000, 1.3, i)));
        }
        Verdict v = judge.judge(List.of(pairs("all", 20_000, 1.3, 99)), windows);

        assertThat(v.decision()).isEqualTo(Decision.NO_GO);
        assertThat(v.gates()).extracting(GateResult::scope).containsExactly("all");
        assertThat(v.reasons()).singleElement().asString().startsWith("latency p50 increase:");
        assertThat(v.windows()).extracting(WindowVerdict::decision).containsOnly(Decision.NO_GO);
    }

    @Test
    void withoutWindowsTheSameDilutedRegressionPassesUnseen() {
        Verdict v = new Judge(P50, 1).judge(List.of(pairs("all", 20_000, 1.03, 99)));
        assertThat(v.decision()).isEqualTo(Decision.GO);
    }

    @Test
    void windowsAndTheWholeRunEachSpendHalfTheNoGoBudget() {
        Judge judge = new Judge(P50, 1).withWindows(10);
        GateResult whole = judge.judge(List.of(pairs("all", 2_000, 1.0, 1)), List.of()).gates().get(0);
        GateResult window = judge.judgeWindow(0, 0, 10_000, pairs("window 0-10 s", 2_000, 1.0, 1)).gates().get(0);

        // One gate: the whole run's NO_GO test at 1 - 0.01/2, each of 10 windows at 1 - 0.01/(2 x 10).
        assertThat(whole.rule()).contains("one-sided 99.5% lower bound").contains("with 50% of the NO_GO error budget");
        assertThat(window.rule()).contains("one-sided 99.95% lower bound").contains("1 gates x 10 windows");
        // GO still needs the whole run at C.
        assertThat(whole.rule()).contains("one-sided 99% upper bound");
    }

    @Test
    void oneWindowIsNoWindowsAtAll() {
        Judge judge = new Judge(P50, 1);
        assertThat(judge.withWindows(1)).isSameAs(judge);
    }

    @Test
    void theSameVersionTwiceIsNeverNoGoInAnyWindow() {
        for (int seed = 0; seed < 20; seed++) {
            Judge judge = new Judge(P50, seed).withWindows(10);
            List<WindowVerdict> windows = tenWindows(judge, -1);
            assertThat(judge.judge(List.of(pairs("all", 20_000, 1.0, seed)), windows).decision())
                    .as("seed %d", seed).isNotEqualTo(Decision.NO_GO);
        }
    }
}
