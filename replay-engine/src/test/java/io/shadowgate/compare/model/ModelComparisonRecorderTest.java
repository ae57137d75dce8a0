package io.shadowgate.compare.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Label flips, drift figures against scipy/numpy, missing values, merging and determinism. */
class ModelComparisonRecorderTest {

    private static final ModelOutputPaths LABEL_AND_SCORE = ModelOutputPaths.of("$.label", "$.score", null);

    /**
     * Requests carry a feature x = i mod 100; the candidate answers "dog" instead of "cat" exactly
     * when 80 <= x < 100, so the flip rate is 20% and every flip lies in that range.
     */
    @Test
    void flipsConfinedToAFeatureRangeGiveThatRangesShare() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(LABEL_AND_SCORE, 1);
        int flipsOutsideRange = 0;
        for (int i = 0; i < 1000; i++) {
            int x = i % 100;
            String candidateLabel = x >= 80 ? "dog" : "cat";
            recorder.add(i, body("cat", 0.5), body(candidateLabel, 0.5));
            flipsOutsideRange += x < 80 && !candidateLabel.equals("cat") ? 1 : 0;
        }
        LabelFlips flips = recorder.summary().labels();
        assertThat(flipsOutsideRange).isZero();
        assertThat(flips.compared()).isEqualTo(1000);
        assertThat(flips.flipped()).isEqualTo(200);
        assertThat(flips.rate()).isEqualTo(0.2);
        assertThat(flips.interval(0.98).lower()).isLessThan(0.2);
        assertThat(flips.interval(0.98).upper()).isGreaterThan(0.2);
    }

    @Test
    void pairsWhereASideLacksTheLabelAreCountedNotCompared() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(LABEL_AND_SCORE, 1);
        recorder.add(1, body("cat", 0.1), body("cat", 0.2));
        recorder.add(2, body("cat", 0.1), "{\"score\": 0.2}".getBytes(UTF_8));               // candidate lacks the label
        recorder.add(3, "{\"label\": null}".getBytes(UTF_8), body("dog", 0.2));              // baseline null
        recorder.add(4, "<html>502</html>".getBytes(UTF_8), "{\"label\": [1]}".getBytes(UTF_8)); // not JSON, invalid
        recorder.add(5, body("cat", 0.1), "{\"label\": \"cat\", \"score\": \"high\"}".getBytes(UTF_8));
        ModelComparisonSummary s = recorder.summary();
        assertThat(s.pairs()).isEqualTo(5);
        assertThat(s.labels()).isEqualTo(new LabelFlips(2, 0, 1, 1, 1));
        assertThat(s.baseline()).isEqualTo(new SideCounts(5, 1, 2, 0, 2, 0));
        assertThat(s.candidate()).isEqualTo(new SideCounts(5, 0, 1, 1, 1, 1));
        assertThat(s.drift().compared()).isEqualTo(2);
        assertThat(s.drift().baselineOnly()).isEqualTo(1);
        assertThat(s.drift().candidateOnly()).isEqualTo(1);
        assertThat(s.drift().neither()).isEqualTo(1);
    }

    /**
     * Known answers from scipy 1.17.1 and numpy (Python 3.11), the pairs built the same way:
     * <pre>
     * n = 300
     * x = [((i+1)*0.6180339887) % 1.0 for i in range(n)]          # baseline scores
     * y = [(((i+1)*0.4142135623) % 1.0)**1.3 for i in range(n)]   # candidate scores
     * D = stats.ks_2samp(x, y, method='asymp').statistic                         # 0.10333333333333339
     * p = stats.kstwobign.sf(D * math.sqrt(n*n/(2*n)))                           # 0.08124766392820018
     * d = [abs(y[i] - x[i]) for i in range(n)]
     * np.percentile(d, 99), np.mean(d), np.std(d, ddof=1)     # 0.9151426871864193, 0.34353406968658445, 0.24231609279463645
     * </pre>
     * n² = 90,000 is above commons-math's exact threshold, so the p-value is the asymptotic
     * Kolmogorov distribution's, which is scipy's kstwobign.
     */
    @Test
    void driftFiguresMatchScipyAndNumpyOnALargeSample() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(LABEL_AND_SCORE, 7);
        for (int i = 0; i < 300; i++) {
            recorder.add(i, body("a", ((i + 1) * 0.6180339887) % 1.0), body("a", Math.pow(((i + 1) * 0.4142135623) % 1.0, 1.3)));
        }
        ScoreDrift d = recorder.summary().drift();
        assertThat(d.sampled()).isEqualTo(300);
        assertThat(d.ksStatistic()).isCloseTo(0.10333333333333339, within(1e-12));
        assertThat(d.ksPValue()).isCloseTo(0.08124766392820018, within(1e-10));
        assertThat(d.p99()).isCloseTo(0.9151426871864193, within(1e-12));
        assertThat(d.mean()).isCloseTo(0.34353406968658445, within(1e-12));
        assertThat(d.standardDeviation()).isCloseTo(0.24231609279463645, within(1e-12));
    }

    /**
     * Known answer from scipy 1.17.1: n = 60, x as above, y = [math.sqrt(((i+1)*0.4142135623) % 1.0)],
     * {@code stats.ks_2samp(x, y, method='exact')} gives D = 0.26666666666666666 and
     * p = 0.027628318680706847. n² = 3,600 is below commons-math's threshold: exact p-value, P(D >= d).
     */
    @Test
    void ksTestIsExactOnSmallSamplesAndMatchesScipy() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(LABEL_AND_SCORE, 7);
        for (int i = 0; i < 60; i++) {
            recorder.add(i, body("a", ((i + 1) * 0.6180339887) % 1.0), body("a", Math.sqrt(((i + 1) * 0.4142135623) % 1.0)));
        }
        ScoreDrift d = recorder.summary().drift();
        assertThat(d.ksStatistic()).isCloseTo(0.26666666666666666, within(1e-12));
        assertThat(d.ksPValue()).isCloseTo(0.027628318680706847, within(1e-10));
    }

    @Test
    void aProbabilityMapDriftsByItsLargestClassDifference() {
        ModelComparisonRecorder recorder = new ModelComparisonRecorder(ModelOutputPaths.of(null, null, "$.p"), 1);
        recorder.add(6, "{\"p\": {\"cat\": 0.7, \"dog\": 0.3}}".getBytes(UTF_8),
                "{\"p\": {\"cat\": 0.6, \"dog\": 0.1, \"eel\": 0.3}}".getBytes(UTF_8));  // eel: absent counts as 0
        recorder.add(7, "{\"p\": {\"cat\": 0.4, \"dog\": 0.6}}".getBytes(UTF_8),
                "{\"p\": {\"cat\": 0.55, \"dog\": 0.45}}".getBytes(UTF_8));               // argmax flips
        ModelComparisonSummary s = recorder.summary();
        assertThat(s.drift().compared()).isEqualTo(2);
        assertThat(s.drift().max()).isCloseTo(0.3, within(1e-15));
        assertThat(s.drift().mean()).isCloseTo((0.3 + 0.15) / 2, within(1e-15));
        assertThat(s.labels()).isEqualTo(new LabelFlips(2, 1, 0, 0, 0));
        assertThat(s.drift().classMeanDifference()).containsOnlyKeys("cat", "dog", "eel");
        assertThat(s.drift().classMeanDifference().get("cat")).isCloseTo((0.1 + 0.15) / 2, within(1e-15));
        assertThat(s.drift().classMeanDifference().get("dog")).isCloseTo((0.2 + 0.15) / 2, within(1e-15));
        assertThat(s.drift().classMeanDifference().get("eel")).isCloseTo(0.3 / 2, within(1e-15));
    }

    /**
     * Three shards merged give exactly what one recorder of all pairs gives, figure for figure,
     * whether the sample holds every pair or only the 100 of smallest hash.
     */
    @Test
    void mergeEqualsSingleStream() {
        for (int capacity : new int[] {ModelComparisonRecorder.DEFAULT_RESERVOIR_CAPACITY, 100}) {
            ModelComparisonRecorder single = new ModelComparisonRecorder(LABEL_AND_SCORE, 3, capacity);
            ModelComparisonRecorder[] shards = {new ModelComparisonRecorder(LABEL_AND_SCORE, 3, capacity),
                new ModelComparisonRecorder(LABEL_AND_SCORE, 3, capacity), new ModelComparisonRecorder(LABEL_AND_SCORE, 3, capacity)};
            for (int i = 0; i < 900; i++) {
                byte[] b = i % 17 == 0 ? "oops".getBytes(UTF_8) : body(i % 3 == 0 ? "x" : "y", Math.sin(i));
                byte[] c = i % 23 == 0 ? "{}".getBytes(UTF_8) : body(i % 5 == 0 ? "x" : "y", Math.sin(i) + 0.01 * Math.cos(i));
                single.add(i, b, c);
                shards[(i * 7 + i / 5) % 3].add(i, b, c);
            }
            shards[2].merge(shards[0]);
            shards[2].merge(shards[1]);
            assertThat(shards[2].summary()).as("capacity %d", capacity).isEqualTo(single.summary());
            assertThat(ModelComparisonRecorder.of(LABEL_AND_SCORE, 3, shards[2].state()).summary())
                    .as("read back from its state").isEqualTo(single.summary());
        }
    }

    /** The same pairs in another order give the same figures, bit for bit: sums are exact, the sample is by id. */
    @Test
    void arrivalOrderChangesNothing() {
        ModelComparisonRecorder forward = new ModelComparisonRecorder(LABEL_AND_SCORE, 5, 50);
        ModelComparisonRecorder backward = new ModelComparisonRecorder(LABEL_AND_SCORE, 5, 50);
        for (int i = 0; i < 500; i++) {
            int j = 499 - i;
            forward.add(i, body("a", Math.sin(i) * 0.1 + 0.5), body("a", Math.cos(i) * 0.1 + 0.5));
            backward.add(j, body("a", Math.sin(j) * 0.1 + 0.5), body("a", Math.cos(j) * 0.1 + 0.5));
        }
        assertThat(forward.summary()).isEqualTo(backward.summary());
    }

    /**
     * The sample is uniform: ten shards of 1,000 pairs, shard k scoring k, merged into a 1,000-pair
     * sample, hold about 100 pairs of each (binomial sd about 9.5; the ids fix the outcome, the
     * bound is 4 sd). The same merge is repeatable.
     */
    @Test
    void mergingFullReservoirsKeepsAUniformBoundedDeterministicSample() {
        ModelComparisonRecorder first = shardedRecorder();
        ModelComparisonRecorder second = shardedRecorder();
        ModelComparisonSummary s = first.summary();
        assertThat(s.drift().sampled()).isEqualTo(1000);
        assertThat(s.drift().compared()).isEqualTo(10_000);
        assertThat(s).isEqualTo(second.summary());
        // Shard k's pairs score k on both sides; the drift sample's p99 is 0 and the KS statistic 0.
        assertThat(s.drift().ksStatistic()).isZero();
        ScoreReservoir reservoir = new ScoreReservoir(1000, 11);
        for (int k = 0; k < 10; k++) {
            ScoreReservoir shard = new ScoreReservoir(1000, 11);
            for (int i = 0; i < 1000; i++) {
                shard.add(k * 1000L + i, k, k, 0);
            }
            reservoir.merge(shard);
        }
        int[] perShard = new int[10];
        for (double b : reservoir.baseline()) {
            perShard[(int) b]++;
        }
        for (int k = 0; k < 10; k++) {
            assertThat(perShard[k]).as("pairs from shard %d", k).isBetween(62, 138);
        }
    }

    @Test
    void theSameSeedAndPairsGiveTheSameFiguresPastTheCapacity() {
        ModelComparisonRecorder a = new ModelComparisonRecorder(LABEL_AND_SCORE, 42, 100);
        ModelComparisonRecorder b = new ModelComparisonRecorder(LABEL_AND_SCORE, 42, 100);
        for (int i = 0; i < 5000; i++) {
            a.add(i, body("a", Math.sin(i)), body("a", Math.cos(i)));
            b.add(i, body("a", Math.sin(i)), body("a", Math.cos(i)));
        }
        assertThat(a.summary()).isEqualTo(b.summary());
        assertThat(a.summary().drift().sampled()).isEqualTo(100);
    }

    @Test
    void mergingDifferentPathsIsRefused() {
        ModelComparisonRecorder a = new ModelComparisonRecorder(LABEL_AND_SCORE, 1);
        ModelComparisonRecorder b = new ModelComparisonRecorder(ModelOutputPaths.of("$.other", null, null), 1);
        assertThatThrownBy(() -> a.merge(b)).hasMessageContaining("different paths");
    }

    @Test
    void anEmptyRecorderSummarisesToNaNsNotExceptions() {
        ModelComparisonSummary s = new ModelComparisonRecorder(LABEL_AND_SCORE, 1).summary();
        assertThat(s.pairs()).isZero();
        assertThat(s.labels().rate()).isNaN();
        assertThat(s.drift().mean()).isNaN();
        assertThat(s.drift().p99()).isNaN();
        assertThat(s.drift().ksPValue()).isNaN();
    }

    private static ModelComparisonRecorder shardedRecorder() {
        ModelComparisonRecorder merged = new ModelComparisonRecorder(LABEL_AND_SCORE, 11, 1000);
        for (int k = 0; k < 10; k++) {
            ModelComparisonRecorder shard = new ModelComparisonRecorder(LABEL_AND_SCORE, 11, 1000);
            for (int i = 0; i < 1000; i++) {
                shard.add(k * 1000L + i, body("a", k), body("a", k));
            }
            merged.merge(shard);
        }
        return merged;
    }

    static byte[] body(String label, double score) {
        return ("{\"label\": \"" + label + "\", \"score\": " + score + "}").getBytes(UTF_8);
    }
}
