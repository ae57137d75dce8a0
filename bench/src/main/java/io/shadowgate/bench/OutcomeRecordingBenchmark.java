package io.shadowgate.bench;

import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.replay.OutcomeKind;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What it costs to record one response: {@link MetricsRecorder#accept} for an outcome of kind
 * {@code RESPONSE}, the call every client event loop makes once per request and target.
 *
 * <p>One accept touches the target's and the endpoint's outcome counters ({@code LongAdder}s)
 * and five histograms of the calling thread's own (latency and service time for the target and
 * for the endpoint, lateness for the target), inside one enter and exit of that thread's
 * phaser: two atomic increments, never a lock; the once-a-second sampler swaps the thread's
 * interval histograms instead of stopping it. The sampler runs here too, as in a real run.
 *
 * <p>The outcomes are built once, before measuring: 4,096 responses with log-normal service
 * times (median 1 ms), split over two targets and two endpoints, so the histograms see varied
 * values and both maps are looked up as in a run. Each thread walks the array with its own cursor.
 *
 * <p>How to run (from the repository root, after building {@code bench/target/benchmarks.jar}):
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 OutcomeRecording
 * </pre>
 * Read {@code accept} against {@code baseline} (the same walk, handing the outcome to a
 * {@link Blackhole}), and the {@code TwoThreads} pair against each other: with two writers on a
 * two-core machine the difference is what sharing the recorder's cache lines costs. Scores are
 * average time per call, per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutcomeRecordingBenchmark {

    static final List<String> ROLES = List.of("baseline", "candidate");
    static final String[] ENDPOINTS = {"predict", "healthz"};
    /** A power of two, so the cursor wraps with a mask. */
    static final int OUTCOMES = 4_096;

    private MetricsRecorder recorder;
    private Outcome[] outcomes;

    @Setup(Level.Trial)
    public void setUp() {
        recorder = new MetricsRecorder(ROLES, new ScheduleCounter(), MetricsRecorder.DEFAULT_INTERVAL_MILLIS);
        outcomes = responses(OUTCOMES, new SplittableRandom(42));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recorder.close();
    }

    /** Each thread's place in the outcome array, so two threads never share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        Outcome next(Outcome[] outcomes) {
            return outcomes[next++ & (OUTCOMES - 1)];
        }
    }

    /**
     * The floor: picking the next outcome and handing it to a blackhole, so it cannot be
     * optimized away. Whatever {@code accept} costs above this is the recording itself.
     */
    @Benchmark
    public void baseline(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(outcomes));
    }

    /** One writer: the cost per outcome when nothing else records at the same time. */
    @Benchmark
    public void accept(Cursor cursor) {
        recorder.accept(cursor.next(outcomes));
    }

    /** The floor again, with two threads, for a fair comparison with {@link #acceptTwoThreads}. */
    @Benchmark
    @Threads(2)
    public void baselineTwoThreads(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(outcomes));
    }

    /**
     * Two writers into the same recorder, as the replayer's two client event loops do on a
     * two-core machine: both hit the same targets and endpoints, so their counters' cache
     * lines are shared; their histograms are not.
     */
    @Benchmark
    @Threads(2)
    public void acceptTwoThreads(Cursor cursor) {
        recorder.accept(cursor.next(outcomes));
    }

    /**
     * Responses as a run would produce them: both targets answer each request, 2,000 requests
     * a second, one in ten to {@code healthz}; lateness up to 50 µs; service time log-normal
     * around 1 ms, with one in a hundred from a much wider spread.
     */
    static Outcome[] responses(int count, SplittableRandom random) {
        Outcome[] out = new Outcome[count];
        for (int i = 0; i < count; i++) {
            long intended = (i / 2) * 500_000L;
            long sent = intended + random.nextLong(50_000);
            double sigma = random.nextDouble() < 0.01 ? 1.5 : 0.3;
            long service = (long) (1_000_000 * Math.exp(sigma * random.nextGaussian()));
            out[i] = new Outcome(i / 2, ROLES.get(i & 1), ENDPOINTS[(i >> 1) % 10 == 0 ? 1 : 0],
                    OutcomeKind.RESPONSE, 200, intended, sent, sent + service, ResponseContent.NONE);
        }
        return out;
    }
}
