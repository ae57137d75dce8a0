package io.shadowgate.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;

/**
 * The pipeline of the upstream connection of one client connection of the fault proxy: the
 * HTTP/1.1 client codec, then the backend half, which answers to that connection's frontend.
 */
final class FaultProxyBackendInitializer extends ChannelInitializer<SocketChannel> {

    private final FaultProxyFrontendHandler frontend;
    private final Channel inbound;
    private final FaultProxyContext context;

    FaultProxyBackendInitializer(FaultProxyFrontendHandler frontend, Channel inbound, FaultProxyContext context) {
        this.frontend = frontend;
        this.inbound = inbound;
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // No failure on a missing response: the frontend answers 502 itself when the upstream goes away.
        ch.pipeline()
                .addLast("http", new HttpClientCodec(FaultProxyInitializer.decoderConfig(), false, false))
                .addLast("backend", new FaultProxyBackendHandler(frontend, inbound, context));
    }
}
