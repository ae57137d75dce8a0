package io.shadowgate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.shadowgate.netty.Transport;
import io.shadowgate.replay.TargetRequests;
import io.shadowgate.traffic.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What Netty's transport alone drives against a target at saturation, closed loop as wrk is
 * (each connection sends its next request the moment its answer is in), on one event loop:
 * the floor under Shadowgate's own cost, so that the gap to wrk (issue #8) can be split into
 * what the transport costs, what Netty's HTTP codec adds, and what the replayer adds on top.
 *
 * <ul>
 *   <li>{@code bytes}: one request encoded once and written as the same bytes every time; an
 *       answer is counted when its length has arrived, the length of the one answer a probe
 *       read first (nginx's fixed answer has a fixed length). No HTTP is parsed.</li>
 *   <li>{@code codec}: Netty's {@code HttpClientCodec} both ways, each request built as the
 *       replayer builds it ({@link TargetRequests}: Host, request id), each answer read to its
 *       last part.</li>
 * </ul>
 *
 * <p>A measuring device, not a client: {@code bytes} trusts every answer to be as long as the
 * first, which only a target with one fixed answer satisfies. Prints one line:
 * {@code mode requests seconds requests/s loop-busy loop-µs-a-request}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.shadowgate.bench.TransportFloor \
 *     --target http://127.0.0.1:18080/v1/predict --mode bytes --connections 64 --seconds 15
 * </pre>
 */
public final class TransportFloor {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    enum Mode { BYTES, CODEC }

    record Options(URI target, Mode mode, int connections, int seconds, int warmupSeconds) {
    }

    private static final String USAGE = """
            usage: TransportFloor --target URL [--mode bytes|codec] [--connections N] [--seconds N] [--warmup-seconds N]
              --target          a loopback target answering every request with the same bytes (bench/nginx-target.sh)
              --mode            bytes: no HTTP parsing; codec: Netty's HttpClientCodec both ways [bytes]
              --connections     connections, all on one event loop [64]
              --seconds         measured seconds [15]
              --warmup-seconds  seconds driven first and not counted, for the JIT [3]
            """;

    private TransportFloor() {
    }

    public static void main(String[] args) {
        HarnessArgs.main("TransportFloor", args, TransportFloor::parse, USAGE, TransportFloor::run);
    }

    static Options parse(String[] args) {
        URI target = null;
        Mode mode = Mode.BYTES;
        int connections = 64;
        int seconds = 15;
        int warmup = 3;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--target" -> target = URI.create(value);
                case "--mode" -> mode = switch (value) {
                    case "bytes" -> Mode.BYTES;
                    case "codec" -> Mode.CODEC;
                    default -> throw new IllegalArgumentException("--mode must be bytes or codec, was '" + value + "'");
                };
                case "--connections" -> connections = HarnessArgs.bounded(option, value, 1, 4096);
                case "--seconds" -> seconds = HarnessArgs.bounded(option, value, 1, 3600);
                case "--warmup-seconds" -> warmup = HarnessArgs.bounded(option, value, 0, 600);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (target == null || target.getHost() == null || target.getPort() <= 0) {
            throw new IllegalArgumentException("--target must be a URL with a host and a port, e.g. http://127.0.0.1:18080/v1/predict");
        }
        return new Options(target, mode, connections, seconds, warmup);
    }

    static int run(Options options) {
        TargetRequests requests = new TargetRequests(options.target().getHost() + ":" + options.target().getPort(), List.of());
        String path = options.target().getRawPath() == null || options.target().getRawPath().isEmpty()
                ? "/" : options.target().getRawPath();
        byte[] request = encoded(requests, path);
        int answerBytes;
        try {
            answerBytes = probe(options.target(), request);
        } catch (IOException e) {
            System.err.println("TransportFloor: the probe request to " + options.target() + " failed: " + e.getMessage());
            return 69;
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "floor");
        try {
            EventLoop loop = group.next();
            long thread = loop.submit(() -> Thread.currentThread().getId()).syncUninterruptibly().getNow();
            Counter counter = new Counter();
            ByteBuf wire = Unpooled.unreleasableBuffer(Unpooled.directBuffer(request.length).writeBytes(request));
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (options.mode() == Mode.BYTES) {
                                ch.pipeline().addLast(new CountingBytes(wire, answerBytes, counter));
                            } else {
                                ch.pipeline().addLast(new HttpClientCodec()).addLast(new ReadingParts(requests, path, counter));
                            }
                        }
                    });
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < options.connections(); i++) {
                var connected = bootstrap.connect(options.target().getHost(), options.target().getPort()).awaitUninterruptibly();
                if (!connected.isSuccess()) {
                    System.err.println("TransportFloor: connection " + (i + 1) + " to " + options.target() + " failed: "
                            + connected.cause().getMessage());
                    return 69;
                }
                channels.add(connected.channel());
            }
            for (Channel channel : channels) {
                loop.execute(() -> channel.pipeline().fireUserEventTriggered(Start.INSTANCE));
            }
            sleep(options.warmupSeconds());
            long[] before = loop.submit(() -> new long[] {counter.answers, THREADS.getThreadCpuTime(thread), System.nanoTime()})
                    .syncUninterruptibly().getNow();
            sleep(options.seconds());
            long[] after = loop.submit(() -> new long[] {counter.answers, THREADS.getThreadCpuTime(thread), System.nanoTime()})
                    .syncUninterruptibly().getNow();
            long answers = after[0] - before[0];
            double wall = (after[2] - before[2]) / 1e9;
            double cpu = (after[1] - before[1]) / 1e9;
            System.out.printf(Locale.ROOT, "%s %d %.3f %.0f %.3f %.3f%n", options.mode().name().toLowerCase(Locale.ROOT),
                    answers, wall, answers / wall, cpu / wall, answers == 0 ? 0 : cpu / answers * 1e6);
            for (Channel channel : channels) {
                channel.close();
            }
            return counter.errors == 0 ? 0 : 70;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The request as the replayer would put it on the wire, encoded once by Netty's encoder. */
    private static byte[] encoded(TargetRequests requests, String path) {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        encoder.writeOutbound(requests.toHttp(request(path, 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            byte[] bytes = new byte[part.readableBytes()];
            part.readBytes(bytes);
            out.writeBytes(bytes);
            part.release();
        }
        encoder.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static Request request(String path, long id) {
        return new Request(id, 0, path, "GET", path, List.of(), new byte[0]);
    }

    /** Sends {@code request} once over a plain socket and returns the length of the whole answer. */
    static int probe(URI target, byte[] request) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the target closed the connection before its answer's headers ended");
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    return head.size() + Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            throw new IOException("the answer has no Content-Length, so its length cannot be known: " + headers.lines().findFirst().orElse(""));
        }
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells a connection to send its first request. */
    private enum Start { INSTANCE }

    /** Answers counted on the event loop; read on it too. */
    private static final class Counter {
        long answers;
        long errors;
    }

    /** Writes the same bytes, counts answers by length. */
    private static final class CountingBytes extends ChannelInboundHandlerAdapter {
        private final ByteBuf wire;
        private final int answerBytes;
        private final Counter counter;
        private int pending;

        CountingBytes(ByteBuf wire, int answerBytes, Counter counter) {
            this.wire = wire;
            this.answerBytes = answerBytes;
            this.counter = counter;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == Start.INSTANCE) {
                ctx.writeAndFlush(wire.duplicate(), ctx.voidPromise());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            pending += bytes.readableBytes();
            bytes.release();
            while (pending >= answerBytes) {
                pending -= answerBytes;
                counter.answers++;
                ctx.writeAndFlush(wire.duplicate(), ctx.voidPromise());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counter.errors++;
            ctx.close();
        }
    }

    /** Builds and encodes each request as the replayer does; counts an answer at its last part. */
    private static final class ReadingParts extends SimpleChannelInboundHandler<HttpObject> {
        private final TargetRequests requests;
        private final String path;
        private final Counter counter;
        private long id;

        ReadingParts(TargetRequests requests, String path, Counter counter) {
            this.requests = requests;
            this.path = path;
            this.counter = counter;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == Start.INSTANCE) {
                send(ctx);
            }
        }

        private void send(ChannelHandlerContext ctx) {
            FullHttpRequest http = requests.toHttp(request(path, ++id));
            ctx.writeAndFlush(http, ctx.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject part) {
            if (part instanceof LastHttpContent) {
                counter.answers++;
                send(ctx);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counter.errors++;
            ctx.close();
        }
    }
}
