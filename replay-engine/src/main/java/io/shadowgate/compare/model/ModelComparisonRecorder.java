package io.shadowgate.compare.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Accumulates label flips and score drift over shadow pairs of one model endpoint. Single
 * writer: one thread calls {@link #add} (or one recorder per shard, combined with
 * {@link #merge}); not thread-safe. Given the same pairs in the same order and the same seed,
 * every figure is the same.
 *
 * <p>Per pair, call {@link #add(byte[], byte[])} with both response bodies (or
 * {@link #add(ModelOutput, ModelOutput)} when the bodies were parsed elsewhere); at the end call
 * {@link #summary()} and pass it to {@link ModelGates}. Feed pairs where both sides answered;
 * an error body simply has no label or score and is counted so.
 *
 * <p>Memory is bounded: counters, running moments and a seeded reservoir of at most
 * {@code reservoirCapacity} scored pairs ({@value #DEFAULT_RESERVOIR_CAPACITY} by default, so
 * 10,000 scores per side for the KS test and the p99).
 */
public final class ModelComparisonRecorder {

    /** Scored pairs kept for the KS test and the p99: 10,000 per side. */
    public static final int DEFAULT_RESERVOIR_CAPACITY = 10_000;

    /** Classes whose per-class difference is tracked; a hostile map with thousands of keys cannot grow memory. */
    public static final int MAX_CLASSES = 100;

    /** Below this product of sample sizes commons-math's KS p-value is exact; the same switch is used here. */
    private static final long EXACT_KS_MAX_PRODUCT = 10_000;

    private final ModelOutputExtractor extractor;
    private final SideCounter baseline = new SideCounter();
    private final SideCounter candidate = new SideCounter();
    private final Moments drift = new Moments();
    private final ScoreReservoir reservoir;
    /** Per class, the sum over compared pairs of |p_c(k) − p_b(k)|; insertion order is first seen. */
    private final Map<String, double[]> classDifferenceSums = new LinkedHashMap<>();
    private long pairs;
    private long labelsCompared;
    private long labelsFlipped;
    private long labelBaselineOnly;
    private long labelCandidateOnly;
    private long labelNeither;
    private long scoreBaselineOnly;
    private long scoreCandidateOnly;
    private long scoreNeither;

    public ModelComparisonRecorder(ModelOutputPaths paths, long seed) {
        this(paths, seed, DEFAULT_RESERVOIR_CAPACITY);
    }

    public ModelComparisonRecorder(ModelOutputPaths paths, long seed, int reservoirCapacity) {
        this.extractor = new ModelOutputExtractor(paths);
        this.reservoir = new ScoreReservoir(reservoirCapacity, seed);
    }

    public ModelOutputPaths paths() {
        return extractor.paths();
    }

    /** Reads both bodies at the configured paths and records the pair. Never throws on body content. */
    public void add(byte[] baselineBody, byte[] candidateBody) {
        add(extractor.extract(baselineBody), extractor.extract(candidateBody));
    }

    /** Records a pair already read by a {@link ModelOutputExtractor} with this recorder's paths. */
    public void add(ModelOutput b, ModelOutput c) {
        pairs++;
        baseline.count(b);
        candidate.count(c);
        if (b.hasLabel() && c.hasLabel()) {
            labelsCompared++;
            if (!b.label().equals(c.label())) {
                labelsFlipped++;
            }
        } else if (b.hasLabel()) {
            labelBaselineOnly++;
        } else if (c.hasLabel()) {
            labelCandidateOnly++;
        } else {
            labelNeither++;
        }
        if (b.hasScore() && c.hasScore()) {
            double d = extractor.paths().probabilities() != null
                    ? classDifferences(b.probabilities(), c.probabilities())
                    : Math.abs(c.score() - b.score());
            drift.add(d);
            reservoir.add(b.score(), c.score(), d);
        } else if (b.hasScore()) {
            scoreBaselineOnly++;
        } else if (c.hasScore()) {
            scoreCandidateOnly++;
        } else {
            scoreNeither++;
        }
    }

    /**
     * Adds another shard's pairs to this one: counts and moments exactly, the reservoir as a
     * uniform sample of both (identical to one stream while all pairs fit). {@code other} must
     * have the same paths and reservoir capacity and is not changed.
     */
    public void merge(ModelComparisonRecorder other) {
        if (!other.paths().equals(paths())) {
            throw new IllegalArgumentException("cannot merge recorders of different paths: " + paths() + " and " + other.paths());
        }
        pairs += other.pairs;
        baseline.merge(other.baseline);
        candidate.merge(other.candidate);
        drift.merge(other.drift);
        reservoir.merge(other.reservoir);
        other.classDifferenceSums.forEach((k, sum) -> addClassDifference(k, sum[0]));
        labelsCompared += other.labelsCompared;
        labelsFlipped += other.labelsFlipped;
        labelBaselineOnly += other.labelBaselineOnly;
        labelCandidateOnly += other.labelCandidateOnly;
        labelNeither += other.labelNeither;
        scoreBaselineOnly += other.scoreBaselineOnly;
        scoreCandidateOnly += other.scoreCandidateOnly;
        scoreNeither += other.scoreNeither;
    }

    /** The figures so far; computes the p99 and the KS test from the sample (sorting up to 3 × capacity values). */
    public ModelComparisonSummary summary() {
        int n = reservoir.size();
        double p99 = Double.NaN;
        double ksStatistic = Double.NaN;
        double ksPValue = Double.NaN;
        if (n > 0) {
            p99 = new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(reservoir.drift(), 99);
        }
        if (n >= 2) {
            // Statistic and p-value separately, not kolmogorovSmirnovTest(x, y): for small samples with
            // ties that method breaks them with unseeded random jitter, which would make runs differ.
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            ksStatistic = ks.kolmogorovSmirnovStatistic(reservoir.baseline(), reservoir.candidate());
            ksPValue = (long) n * n < EXACT_KS_MAX_PRODUCT
                    ? ks.exactP(ksStatistic, n, n, false)
                    : ks.approximateP(ksStatistic, n, n);
        }
        Map<String, Double> classMeans = new TreeMap<>();
        classDifferenceSums.forEach((k, sum) -> classMeans.put(k, sum[0] / drift.count()));
        ScoreDrift scoreDrift = new ScoreDrift(drift.count(), scoreBaselineOnly, scoreCandidateOnly, scoreNeither,
                drift.mean(), drift.standardDeviation(), drift.max(), p99, ksStatistic, ksPValue, n, classMeans);
        LabelFlips labels = new LabelFlips(labelsCompared, labelsFlipped, labelBaselineOnly, labelCandidateOnly,
                labelNeither);
        return new ModelComparisonSummary(paths(), pairs, baseline.snapshot(), candidate.snapshot(), labels, scoreDrift);
    }

    /**
     * Adds each class's |p_c(k) − p_b(k)| to its sum and returns the largest, over the union of
     * classes; a class absent on one side counts as probability 0 there.
     */
    private double classDifferences(Map<String, Double> b, Map<String, Double> c) {
        double largest = 0;
        for (Map.Entry<String, Double> e : b.entrySet()) {
            double d = Math.abs(c.getOrDefault(e.getKey(), 0.0) - e.getValue());
            addClassDifference(e.getKey(), d);
            largest = Math.max(largest, d);
        }
        for (Map.Entry<String, Double> e : c.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                double d = Math.abs(e.getValue());
                addClassDifference(e.getKey(), d);
                largest = Math.max(largest, d);
            }
        }
        return largest;
    }

    private void addClassDifference(String label, double d) {
        double[] sum = classDifferenceSums.get(label);
        if (sum == null) {
            if (classDifferenceSums.size() >= MAX_CLASSES) {
                return;
            }
            sum = new double[1];
            classDifferenceSums.put(label, sum);
        }
        sum[0] += d;
    }

    /** One side's field counters. */
    private static final class SideCounter {
        private long bodies;
        private long notJson;
        private long labelMissing;
        private long labelInvalid;
        private long scoreMissing;
        private long scoreInvalid;

        void count(ModelOutput out) {
            bodies++;
            if (!out.json()) {
                notJson++;
            }
            switch (out.labelStatus()) {
                case MISSING -> labelMissing++;
                case INVALID -> labelInvalid++;
                case PRESENT -> { }
            }
            switch (out.scoreStatus()) {
                case MISSING -> scoreMissing++;
                case INVALID -> scoreInvalid++;
                case PRESENT -> { }
            }
        }

        void merge(SideCounter other) {
            bodies += other.bodies;
            notJson += other.notJson;
            labelMissing += other.labelMissing;
            labelInvalid += other.labelInvalid;
            scoreMissing += other.scoreMissing;
            scoreInvalid += other.scoreInvalid;
        }

        SideCounts snapshot() {
            return new SideCounts(bodies, notJson, labelMissing, labelInvalid, scoreMissing, scoreInvalid);
        }
    }
}
