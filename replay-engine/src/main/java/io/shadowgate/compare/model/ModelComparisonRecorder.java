package io.shadowgate.compare.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Accumulates label flips and score drift over shadow pairs of one model endpoint. Single
 * writer: one thread calls {@link #add} (or one recorder per shard, combined with
 * {@link #merge}); not thread-safe. Given the same pairs, in any order and split among any
 * number of merged recorders, and the same seed, every figure is the same: counts add, sums are
 * exact ({@link Moments}), and the sample is chosen by a hash of the request id.
 *
 * <p>Per pair, call {@link #add(long, byte[], byte[])} with the request id and both response
 * bodies (or {@link #add(long, ModelOutput, ModelOutput)} when the bodies were parsed elsewhere); at the end call
 * {@link #summary()} and pass it to {@link ModelGates}. Feed pairs where both sides answered;
 * an error body simply has no label or score and is counted so.
 *
 * <p>Memory is bounded: counters, running moments and a seeded reservoir of at most
 * {@code reservoirCapacity} scored pairs ({@value #DEFAULT_RESERVOIR_CAPACITY} by default, so
 * 10,000 scores per side for the KS test and the p99), those whose request ids hash smallest
 * under the seed. Per-class sums are kept for the first {@value #MAX_CLASSES} classes seen; past
 * that bound which classes are kept depends on arrival order.
 */
public final class ModelComparisonRecorder {

    /** Scored pairs kept for the KS test and the p99: 10,000 per side. */
    public static final int DEFAULT_RESERVOIR_CAPACITY = 10_000;

    /** Classes whose per-class difference is tracked; a hostile map with thousands of keys cannot grow memory. */
    public static final int MAX_CLASSES = 100;

    /** Below this product of sample sizes commons-math's KS p-value is exact; the same switch is used here. */
    private static final long EXACT_KS_MAX_PRODUCT = 10_000;

    private final ModelOutputExtractor extractor;
    private final long seed;
    private SideCounter baseline = new SideCounter();
    private SideCounter candidate = new SideCounter();
    private Moments drift = new Moments();
    private ScoreReservoir reservoir;
    /** Per class, the exact sum over compared pairs of |p_c(k) − p_b(k)|; insertion order is first seen. */
    private final Map<String, BigDecimal[]> classDifferenceSums = new LinkedHashMap<>();
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
        this.seed = seed;
        this.reservoir = new ScoreReservoir(reservoirCapacity, seed);
    }

    public ModelOutputPaths paths() {
        return extractor.paths();
    }

    /** Reads both bodies at the configured paths and records the pair of request {@code id}. Never throws on body content. */
    public void add(long id, byte[] baselineBody, byte[] candidateBody) {
        add(id, extractor.extract(baselineBody), extractor.extract(candidateBody));
    }

    /** Records the pair of request {@code id} (each id once), already read by a {@link ModelOutputExtractor} with this recorder's paths. */
    public void add(long id, ModelOutput b, ModelOutput c) {
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
            reservoir.add(id, b.score(), c.score(), d);
        } else if (b.hasScore()) {
            scoreBaselineOnly++;
        } else if (c.hasScore()) {
            scoreCandidateOnly++;
        } else {
            scoreNeither++;
        }
    }

    /**
     * Adds another shard's pairs to this one: counts, sums and the sample exactly as one recorder
     * of both shards' pairs has them. {@code other} must have the same paths, seed and reservoir
     * capacity and is not changed.
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
        classDifferenceSums.forEach((k, sum) -> classMeans.put(k,
                sum[0].divide(BigDecimal.valueOf(drift.count()), MathContext.DECIMAL128).doubleValue()));
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
            addClassDifference(e.getKey(), new BigDecimal(d));
            largest = Math.max(largest, d);
        }
        for (Map.Entry<String, Double> e : c.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                double d = Math.abs(e.getValue());
                addClassDifference(e.getKey(), new BigDecimal(d));
                largest = Math.max(largest, d);
            }
        }
        return largest;
    }

    private void addClassDifference(String label, BigDecimal d) {
        BigDecimal[] sum = classDifferenceSums.get(label);
        if (sum == null) {
            if (classDifferenceSums.size() >= MAX_CLASSES) {
                return;
            }
            sum = new BigDecimal[] {BigDecimal.ZERO};
            classDifferenceSums.put(label, sum);
        }
        sum[0] = sum[0].add(d);
    }

    /** Everything this recorder holds, for a shard's stored result; {@link #of} reads it back. */
    public State state() {
        List<ScoreReservoir.ScoredPair> kept = reservoir.pairs();
        int n = kept.size();
        long[] ids = new long[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            ScoreReservoir.ScoredPair p = kept.get(i);
            ids[i] = p.id();
            b[i] = p.baseline();
            c[i] = p.candidate();
            d[i] = p.drift();
        }
        Map<String, String> sums = new LinkedHashMap<>();
        classDifferenceSums.forEach((k, sum) -> sums.put(k, sum[0].toString()));
        return new State(pairs, baseline.snapshot(), candidate.snapshot(),
                new LabelFlips(labelsCompared, labelsFlipped, labelBaselineOnly, labelCandidateOnly, labelNeither),
                scoreBaselineOnly, scoreCandidateOnly, scoreNeither, drift.stored(), sums,
                new Sample(reservoir.capacity(), reservoir.seen(), ids, b, c, d));
    }

    /** A recorder holding {@code state}, recorded with {@code paths} and {@code seed}, to merge into or summarise. */
    public static ModelComparisonRecorder of(ModelOutputPaths paths, long seed, State state) {
        Sample s = state.sample();
        ModelComparisonRecorder r = new ModelComparisonRecorder(paths, seed, s.capacity());
        List<ScoreReservoir.ScoredPair> kept = new ArrayList<>(s.ids().length);
        for (int i = 0; i < s.ids().length; i++) {
            kept.add(new ScoreReservoir.ScoredPair(s.ids()[i], s.baseline()[i], s.candidate()[i], s.drift()[i]));
        }
        r.reservoir = ScoreReservoir.of(s.capacity(), seed, kept, s.seen());
        r.pairs = state.pairs();
        r.baseline = SideCounter.of(state.baseline());
        r.candidate = SideCounter.of(state.candidate());
        r.drift = Moments.of(state.drift());
        state.classDifferenceSums().forEach((k, sum) -> r.classDifferenceSums.put(k, new BigDecimal[] {new BigDecimal(sum)}));
        LabelFlips l = state.labels();
        r.labelsCompared = l.compared();
        r.labelsFlipped = l.flipped();
        r.labelBaselineOnly = l.baselineOnly();
        r.labelCandidateOnly = l.candidateOnly();
        r.labelNeither = l.neither();
        r.scoreBaselineOnly = state.scoreBaselineOnly();
        r.scoreCandidateOnly = state.scoreCandidateOnly();
        r.scoreNeither = state.scoreNeither();
        return r;
    }

    /**
     * A recorder's whole state, as a shard result stores it.
     *
     * @param pairs               pairs recorded
     * @param baseline            the baseline side's field counts
     * @param candidate           the candidate side's
     * @param labels              label comparison counts
     * @param scoreBaselineOnly   pairs scored by the baseline only
     * @param scoreCandidateOnly  pairs scored by the candidate only
     * @param scoreNeither        pairs scored by neither
     * @param drift               the drift's exact moments
     * @param classDifferenceSums per class, the exact sum of |p_c(k) − p_b(k)|, decimal, in first-seen order
     * @param sample              the scored pairs kept, by request-id hash
     */
    public record State(long pairs, SideCounts baseline, SideCounts candidate, LabelFlips labels, long scoreBaselineOnly,
                        long scoreCandidateOnly, long scoreNeither, Moments.Stored drift,
                        Map<String, String> classDifferenceSums, Sample sample) {
    }

    /**
     * The scored pairs kept: those whose request ids hash smallest, in hash order.
     *
     * @param capacity  pairs kept at most
     * @param seen      scored pairs offered
     * @param ids       request ids
     * @param baseline  baseline scores
     * @param candidate candidate scores
     * @param drift     each pair's drift
     */
    public record Sample(int capacity, long seen, long[] ids, double[] baseline, double[] candidate, double[] drift) {
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

        static SideCounter of(SideCounts s) {
            SideCounter c = new SideCounter();
            c.bodies = s.bodies();
            c.notJson = s.notJson();
            c.labelMissing = s.labelMissing();
            c.labelInvalid = s.labelInvalid();
            c.scoreMissing = s.scoreMissing();
            c.scoreInvalid = s.scoreInvalid();
            return c;
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
