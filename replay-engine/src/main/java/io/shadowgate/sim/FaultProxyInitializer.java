package io.shadowgate.sim;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.SplittableRandom;

/**
 * The pipeline of every client connection of the fault proxy: the HTTP/1.1 server codec, then
 * the frontend with its own random stream. Bodies are not aggregated: they stream through.
 * Shared by the proxy's event loops; its only mutable state is the root random generator,
 * split under its lock.
 */
final class FaultProxyInitializer extends ChannelInitializer<SocketChannel> {

    /** Generous limits, as a service's clients may send long URLs and big cookies. */
    static final int MAX_INITIAL_LINE_BYTES = 16 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final FaultProxyContext context;
    /** Guarded by itself: {@code split()} is not thread-safe, and children run on several loops. */
    private final SplittableRandom root;

    FaultProxyInitializer(FaultProxyContext context, long seed) {
        this.context = context;
        this.root = new SplittableRandom(seed);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // One stream per connection, as in the simulated server: connections opened in the same
        // order draw the same values for a seed.
        SplittableRandom rng;
        synchronized (root) {
            rng = root.split();
        }
        context.clients().add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(decoderConfig()))
                .addLast("frontend", new FaultProxyFrontendHandler(context, rng));
    }

    /** Limits of both codecs, the client's and the upstream's. */
    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES);
    }
}
