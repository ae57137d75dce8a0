package io.shadowgate.bench;

import io.shadowgate.metrics.PairReservoir;
import io.shadowgate.metrics.PairedLatencyRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the pair sample costs over a run's first pairs, where {@link OutcomePairingBenchmark}
 * cannot see it: that benchmark's reservoir is full and its ids millions deep after the warm-up,
 * so almost no pair is kept any more. In a run's first million pairs a 100,000-pair reservoir
 * keeps about 100,000 × (1 + ln 10) ≈ 330,000 of them, and each kept pair is where the cost is.
 *
 * <p>Each operation is one fresh reservoir of the default capacity fed {@code pairs} ids in
 * order, as a run feeds it ({@code fill}), and then sampled once as a run's end does
 * ({@code fillAndSample}). Time per operation; divide by {@code pairs} for a pair's share.
 *
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 3 -i 5 PairReservoirBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PairReservoirBenchmark {

    @Param({"1000000"})
    public int pairs;

    /** The pairs offered one by one, as the event loops offer them during a run. */
    @Benchmark
    public PairReservoir fill() {
        PairReservoir reservoir = new PairReservoir(PairedLatencyRecorder.DEFAULT_CAPACITY, 42);
        for (int id = 0; id < pairs; id++) {
            reservoir.add(id, 1_000 + (id & 1023), 1_100 + (id & 511));
        }
        return reservoir;
    }

    /** As {@link #fill}, then the sample in hash order that the end of a run takes once. */
    @Benchmark
    public long fillAndSample() {
        return fill().sample().seen();
    }
}
