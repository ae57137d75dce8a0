package io.shadowgate.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportTest {

    @Test
    void aTransportAskedForIsUsedWhenItLoadsAndTheBestOtherwise() {
        Transport best = Transport.choose(null);
        assertThat(best.loads()).isTrue();
        assertThat(Transport.choose("nio")).isEqualTo(Transport.NIO);
        assertThat(Transport.choose(" NIO ")).isEqualTo(Transport.NIO);
        assertThat(Transport.choose("carrier-pigeon")).isEqualTo(best);
        assertThat(Transport.choose("epoll")).isEqualTo(Transport.EPOLL.loads() ? Transport.EPOLL : best);
        assertThat(Transport.choose("io_uring")).isEqualTo(Transport.IO_URING.loads() ? Transport.IO_URING : best);
        // The order is the preference: the first that loads.
        for (Transport t : Transport.values()) {
            if (t.loads()) {
                assertThat(best).isEqualTo(t);
                break;
            }
        }
    }

    /** Every transport that loads here carries bytes both ways over loopback, server and client alike. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyTransportThatLoadsCarriesAnExchange(Transport transport) throws Exception {
        if (!transport.loads()) {
            return;
        }
        EventLoopGroup group = transport.newGroup(1, "transport-test");
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverSocketChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                    ctx.writeAndFlush(Unpooled.copiedBuffer("echo:" + msg.toString(StandardCharsets.US_ASCII),
                                            StandardCharsets.US_ASCII));
                                }
                            });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            CompletableFuture<String> answer = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(transport.socketChannel())
                    .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                        private final StringBuilder got = new StringBuilder();

                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                            got.append(msg.toString(StandardCharsets.US_ASCII));
                            if (got.length() >= "echo:ping".length()) {
                                answer.complete(got.toString());
                            }
                        }
                    }).connect((InetSocketAddress) server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("echo:ping");
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
