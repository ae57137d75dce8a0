package io.shadowgate.bench;

import io.shadowgate.metrics.PairedLatencyRecorder;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What it costs to pair one request's two outcomes: {@link PairedLatencyRecorder#accept} for the
 * baseline's and the candidate's, the calls a shadow run makes beside {@link
 * OutcomeRecordingBenchmark}'s for every request.
 *
 * <p>Request ids only grow, as in a run, so the reservoir (100,000 pairs, the default) is full
 * after the warm-up and each pair is the steady state's: hashed, and kept only if it hashes
 * smaller than the largest kept. Each candidate outcome arrives {@value #IN_FLIGHT} requests
 * after its baseline's, as with that many requests in flight, so that many first outcomes wait.
 *
 * <p>How to run (from the repository root, after building {@code bench/target/benchmarks.jar}):
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 3 -i 5 OutcomePairing
 * </pre>
 * Scores are average time per pair (two {@code accept}s), per thread; read {@code pair} against
 * {@code baseline}, which builds the same two outcomes and hands them to a {@link Blackhole}.
 * The {@code TwoThreads} pair is two event loops pairing at once, each its own requests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutcomePairingBenchmark {

    static final int IN_FLIGHT = 32;
    /** The most threads a benchmark here runs with; ids are dealt out among them. */
    static final int THREADS = 2;
    /** Service times to draw from, a power of two so the index wraps with a mask. */
    static final int LATENCIES = 1_024;

    private PairedLatencyRecorder recorder;
    private final long[] latencyNanos = new long[LATENCIES];
    private final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        recorder = new PairedLatencyRecorder("baseline", "candidate", PairedLatencyRecorder.DEFAULT_CAPACITY, 42);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < LATENCIES; i++) {
            latencyNanos[i] = (long) (1_000_000 * Math.exp(0.3 * random.nextGaussian()));
        }
    }

    /** A thread's own request ids: thread k (of at most {@value #THREADS}) takes k, k + 2, k + 4, ... */
    @State(Scope.Thread)
    public static class Ids {
        private long next;

        @Setup(Level.Trial)
        public void setUp(OutcomePairingBenchmark benchmark) {
            next = benchmark.threads.getAndIncrement();
        }

        long take() {
            long id = next;
            next += THREADS;
            return id;
        }
    }

    private Outcome outcome(long id, String target, int extraMicros) {
        long latency = latencyNanos[(int) id & (LATENCIES - 1)] + extraMicros * 1_000L;
        long intended = id * 50_000;
        return new Outcome(id, target, "predict", OutcomeKind.RESPONSE, 200, intended, intended, intended + latency,
                ResponseContent.NONE);
    }

    /** The floor: the two outcomes built and consumed, not paired. */
    @Benchmark
    public void baseline(Ids ids, Blackhole blackhole) {
        long id = ids.take();
        blackhole.consume(outcome(id, "baseline", 0));
        blackhole.consume(outcome(id - (long) IN_FLIGHT * THREADS, "candidate", 50));
    }

    /** A baseline outcome arrives, and the candidate's of the request {@value #IN_FLIGHT} before it. */
    @Benchmark
    public void pair(Ids ids) {
        long id = ids.take();
        recorder.accept(outcome(id, "baseline", 0));
        recorder.accept(outcome(id - (long) IN_FLIGHT * THREADS, "candidate", 50));
    }

    /** The floor with two threads, for {@link #pairTwoThreads}. */
    @Benchmark
    @Threads(2)
    public void baselineTwoThreads(Ids ids, Blackhole blackhole) {
        baseline(ids, blackhole);
    }

    /** Two event loops pairing their own requests into the same recorder at once. */
    @Benchmark
    @Threads(2)
    public void pairTwoThreads(Ids ids) {
        pair(ids);
    }
}
