package io.shadowgate.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport for this machine: io_uring where the kernel offers it, else native epoll,
 * else NIO. Every event loop group and channel class in Shadowgate comes from here so client and
 * servers agree. {@code SHADOWGATE_TRANSPORT=io_uring|epoll|nio} asks for one; a transport this
 * machine cannot load (a container whose seccomp profile refuses io_uring, say) falls back to the
 * best one that loads.
 *
 * <p>io_uring is first because it hands the kernel every send and receive of a loop iteration in
 * one system call: at saturation against a loopback nginx the client's event loop spent 61 % of
 * its time in the kernel with it against 67 % with epoll, and delivered 5 % more (bench/README.md).
 */
public enum Transport {
    IO_URING,
    EPOLL,
    NIO;

    static final String VARIABLE = "SHADOWGATE_TRANSPORT";

    /** The transport asked for in {@code SHADOWGATE_TRANSPORT} if it loads here, else the best that does. */
    public static Transport best() {
        return choose(System.getenv(VARIABLE));
    }

    /** {@code asked} (a transport's name in any case, or null for none) if it loads here, else the best that does. */
    static Transport choose(String asked) {
        if (asked != null) {
            for (Transport t : values()) {
                if (t.name().equalsIgnoreCase(asked.trim()) && t.loads()) {
                    return t;
                }
            }
        }
        for (Transport t : values()) {
            if (t.loads()) {
                return t;
            }
        }
        return NIO;
    }

    /** Whether this transport's native part loads on this machine (NIO always does). */
    public boolean loads() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    /** A group of {@code threads} event loops whose threads are named {@code name-N} and are daemons. */
    public EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
    }

    public Class<? extends SocketChannel> socketChannel() {
        return switch (this) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }
}
