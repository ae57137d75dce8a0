package io.shadowgate.bench;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.SynthesizedTraffic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs the scheduler thread to produce the next request of a synthesized stream:
 * {@link SynthesizedTraffic#next()}, which computes the arrival offset, draws the template
 * from the mix and renders the body. The scheduler calls it once per paired request, between
 * two sends, so its cost comes out of the gap it has to be on time for the next one (125 µs
 * at 8,000 requests a second).
 *
 * <p>Two parameters: {@code arrivals} ({@code CONSTANT} computes the offset from the index,
 * {@code POISSON} draws an exponential gap with a logarithm) and {@code body} ({@code none}, or
 * {@code features8}: the predict body {@code {"features": {{features:8}}}}, eight random
 * numbers rounded and formatted as JSON, then encoded to UTF-8 bytes).
 *
 * <p>How to run:
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 Pacing
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 -p body=features8 Pacing.next
 * </pre>
 * Read {@code next} against {@code baseline}, which returns an already built request: the
 * difference is the synthesis itself. The stream is ten years long, so it never runs out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacingBenchmark {

    static final String FEATURES_BODY = "{\"features\": {{features:8}}}";
    /** A power of two, so the cursor wraps with a mask. */
    static final int PREBUILT = 1_024;

    @Param({"CONSTANT", "POISSON"})
    public Arrivals arrivals;

    @Param({"none", "features8"})
    public String body;

    private SynthesizedTraffic traffic;
    private Request[] prebuilt;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        traffic = new SynthesizedTraffic(spec(), 42);
        SynthesizedTraffic other = new SynthesizedTraffic(spec(), 7);
        prebuilt = new Request[PREBUILT];
        for (int i = 0; i < PREBUILT; i++) {
            prebuilt[i] = other.next();
        }
    }

    private TrafficSpec spec() {
        RequestTemplate predict = new RequestTemplate("predict", 1, "POST", "/v1/predict",
                Map.of("content-type", "application/json"), body.equals("none") ? null : FEATURES_BODY);
        return new TrafficSpec(Duration.ofDays(3_650), 1_000, arrivals, List.of(predict));
    }

    /** The floor: returning a request that already exists (the benchmark loop and the return). */
    @Benchmark
    public Request baseline() {
        return prebuilt[cursor++ & (PREBUILT - 1)];
    }

    /** One request synthesized: arrival offset, template pick, body rendered. */
    @Benchmark
    public Request next() {
        return traffic.next();
    }
}
