package io.shadowgate.replay;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.shadowgate.netty.Transport;
import io.shadowgate.traffic.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to hand requests from the scheduler thread to an event loop and have the loop
 * send each when due (issue #8's pacing hot path): {@link LoopSchedule#add} of a batch already
 * due, on a real Netty event loop, until the loop has sent every request of it. The send itself
 * is a counter here, so what is measured is the hand-over (a task, a wake-up of the loop) and
 * the loop's queue.
 *
 * <p>{@code bareHandOver} is the floor: one task per batch that sends each request straight
 * away, which is what the scheduler did before the loops kept the schedule. Per request, read
 * {@code loopSchedule} against it at the same {@code batch}: the difference is the price of the
 * loop's own queue. {@code batch = 1} is a scheduler that wakes for every request (low rates);
 * at 60,000 requests a second the 10 ms lookahead hands over batches of about 600.
 *
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 LoopSchedule
 * </pre>
 * Time is per batch (JMH cannot take the batch size as operations per invocation, it is a
 * parameter): divide by {@code batch} for the time per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopScheduleBenchmark {

    @Param({"1", "64", "512"})
    public int batch;

    private EventLoopGroup group;
    private EventLoop loop;
    private LoopSchedule schedule;
    private final AtomicLong sent = new AtomicLong();
    private List<LoopSchedule.Routed> routed;
    private List<Request> requests;
    private long expected;

    @Setup(Level.Trial)
    public void setUp() {
        group = Transport.best().newGroup(1, "bench-loop");
        loop = group.next();
        // Every request is due at once: the schedule started long ago.
        long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(3_600);
        schedule = new LoopSchedule(loop, start, due -> true, (request, targets) -> sent.lazySet(sent.get() + 1),
                (request, targets) -> { });
        routed = new ArrayList<>(batch);
        requests = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            Request request = new Request(i, i, "predict", "POST", "/v1/predict", List.of(), new byte[0]);
            requests.add(request);
            routed.add(new LoopSchedule.Routed(request, 3));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Benchmark
    public long loopSchedule() {
        expected += batch;
        schedule.add(List.copyOf(routed));
        return awaitSent();
    }

    @Benchmark
    public long bareHandOver() {
        expected += batch;
        List<Request> mine = List.copyOf(requests);
        loop.execute(() -> {
            for (int i = 0; i < mine.size(); i++) {
                sent.lazySet(sent.get() + 1);
            }
        });
        return awaitSent();
    }

    private long awaitSent() {
        long n;
        while ((n = sent.get()) < expected) {
            Thread.onSpinWait();
        }
        return n;
    }
}
