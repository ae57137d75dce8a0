package io.shadowgate.capture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;

/**
 * The pipeline of the upstream connection of one client connection: the HTTP/1.1 client
 * codec, then the backend half of the proxy, which answers to that client connection's frontend.
 */
final class BackendInitializer extends ChannelInitializer<SocketChannel> {

    private final FrontendHandler frontend;
    private final Channel inbound;

    BackendInitializer(FrontendHandler frontend, Channel inbound) {
        this.frontend = frontend;
        this.inbound = inbound;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // No failure on a missing response: the frontend answers 502 itself when the upstream goes away.
        ch.pipeline()
                .addLast("http", new HttpClientCodec(CaptureProxyInitializer.decoderConfig(), false, false))
                .addLast("backend", new BackendHandler(frontend, inbound));
    }
}
