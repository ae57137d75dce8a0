package io.shadowgate.capture;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of every client connection: the HTTP/1.1 server codec, then the frontend half
 * of the proxy. Bodies are not aggregated: they stream through as they arrive. Shared by all
 * event loops; stateless apart from the context it hands on.
 */
final class CaptureProxyInitializer extends ChannelInitializer<SocketChannel> {

    private final CaptureContext context;

    CaptureProxyInitializer(CaptureContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        context.clients().add(ch);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(decoderConfig()))
                .addLast("frontend", new FrontendHandler(context));
    }

    /** Limits of both codecs: generous headers, bigger body pieces than Netty's default. */
    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(CaptureOptions.MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(CaptureOptions.MAX_HEADER_BYTES)
                .setMaxChunkSize(CaptureOptions.MAX_CHUNK_BYTES);
    }
}
