package io.shadowgate.bench;

import io.shadowgate.judge.Evidence;
import io.shadowgate.judge.Judge;
import io.shadowgate.judge.Verdict;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to judge a run once the measuring is over: {@link Judge#judge} on the latency
 * histograms of two targets that answered 1,000,000 requests each, with p50 and p99 gates
 * (each a relative increase and an absolute budget) and the error-rate gate.
 *
 * <p>The judge never looks at individual values: every latency gate reads a percentile from
 * each histogram, and {@code getValueAtPercentile} walks the histogram's bucket counts until
 * it has passed the percentile. So the cost follows the number of buckets below the value (the
 * spread of latencies at 0.1 % resolution), not the number of requests; the rest is building
 * the reasons, which are formatted strings.
 *
 * <p>The histograms use the engine's configuration ({@link Histograms#newHistogram()}) and hold
 * log-normal latencies: baseline median 2 ms, candidate median 2.1 ms with a wider spread, and
 * a 1 % tail around 40 ms in both.
 *
 * <p>How to run:
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 JudgeBenchmark
 * </pre>
 * Read {@code judge} against {@code p99Lookup} (the one histogram read the gates repeat, eight
 * times for four latency gates) and {@code baseline} (returning the prepared evidence).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JudgeBenchmark {

    static final int VALUES_PER_TARGET = 1_000_000;

    private Judge judge;
    private Evidence evidence;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        Histogram baseline = latencies(random, 2_000, 0.3);
        Histogram candidate = latencies(random, 2_100, 0.35);
        // Every histogram value is a response; timeouts and connection errors come on top.
        OutcomeCounts baselineCounts = new OutcomeCounts(VALUES_PER_TARGET + 400, VALUES_PER_TARGET - 600, 0, 0, 600, 300, 100, 0);
        OutcomeCounts candidateCounts = new OutcomeCounts(VALUES_PER_TARGET + 600, VALUES_PER_TARGET - 900, 0, 0, 900, 500, 100, 0);
        evidence = new Evidence("all", baseline, candidate, baselineCounts, candidateCounts);
        Map<Double, LatencyGate> latency = new TreeMap<>();
        latency.put(50.0, new LatencyGate(0.10, 250.0));
        latency.put(99.0, new LatencyGate(0.10, 250.0));
        judge = new Judge(new Gates(500, latency, new ErrorRateGate(0.005)));
    }

    /** {@code VALUES_PER_TARGET} latencies in microseconds: log-normal body, 1 % tail around 40 ms. */
    private static Histogram latencies(SplittableRandom random, double medianMicros, double sigma) {
        Histogram histogram = Histograms.newHistogram();
        for (int i = 0; i < VALUES_PER_TARGET; i++) {
            double median = random.nextDouble() < 0.01 ? 40_000 : medianMicros;
            long micros = (long) (median * Math.exp(sigma * random.nextGaussian()));
            histogram.recordValue(Math.max(1, Math.min(micros, Histograms.HIGHEST_MICROS)));
        }
        return histogram;
    }

    /** The floor: handing back the evidence the judge would read. */
    @Benchmark
    public Evidence baseline() {
        return evidence;
    }

    /** The building block: one p99 read from the candidate's histogram of a million values. */
    @Benchmark
    public long p99Lookup() {
        return evidence.candidateLatency().getValueAtPercentile(99.0);
    }

    /** The whole verdict: four latency gates, the error gate, reasons and the combined decision. */
    @Benchmark
    public Verdict judge() {
        return judge.judge(evidence);
    }
}
