package io.shadowgate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.shadowgate.replay.TargetRequests;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A request built for one target and put into bytes, as the event loop does for every exchange,
 * three ways side by side: {@code bytes} is what the engine does now,
 * {@link TargetRequests#encode} writing the bytes itself into one pooled buffer;
 * {@code flatHeaders} is what it did before, {@link TargetRequests#toHttp} (a flat name/value
 * array) encoded by Netty's {@link HttpRequestEncoder}; {@code mapHeaders} builds the same
 * request as the engine did before that, in Netty's validating hash map of headers. A
 * synthesized request (no headers of its own) and one with three captured headers.
 *
 * <pre>
 *   java -jar bench/target/benchmarks.jar -f 1 -wi 3 -i 5 RequestEncodingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestEncodingBenchmark {

    private static final String HOST = "127.0.0.1:18091";

    @Param({"0", "3"})
    public int ownHeaders;

    private final TargetRequests target = new TargetRequests(HOST, List.of());
    private EmbeddedChannel encoder;
    private Request request;

    @Setup(Level.Trial)
    public void setUp() {
        encoder = new EmbeddedChannel(new HttpRequestEncoder());
        List<Header> headers = List.of(new Header("Accept", "application/json"),
                new Header("User-Agent", "shadowgate-bench/1.0"), new Header("X-Trace", "4bf92f3577b34da6"));
        request = new Request(123_456, 0, "predict", "GET", "/v1/predict", headers.subList(0, ownHeaders), new byte[0]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.finishAndReleaseAll();
    }

    @Benchmark
    public int bytes() {
        ByteBuf out = target.encode(request, ByteBufAllocator.DEFAULT);
        int bytes = out.readableBytes();
        out.release();
        return bytes;
    }

    @Benchmark
    public int flatHeaders() {
        return encode(target.toHttp(request));
    }

    @Benchmark
    public int mapHeaders() {
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.path(), Unpooled.wrappedBuffer(request.body()));
        http.headers().set(HttpHeaderNames.HOST, HOST);
        for (Header header : request.headers()) {
            http.headers().add(header.name(), header.value());
        }
        http.headers().remove(HttpHeaderNames.EXPECT);
        http.headers().set(TargetRequests.REQUEST_ID_HEADER, request.id());
        http.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        return encode(http);
    }

    /** Encodes {@code http} and releases what came out; returns its length in bytes. */
    private int encode(FullHttpRequest http) {
        encoder.writeOutbound(http);
        int bytes = 0;
        ByteBuf out;
        while ((out = encoder.readOutbound()) != null) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
