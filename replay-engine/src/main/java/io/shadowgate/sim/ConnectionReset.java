package io.shadowgate.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/** The {@code reset} fault's act: an abortive close, which the client sees as a connection reset. */
final class ConnectionReset {

    private ConnectionReset() {
    }

    /**
     * Closes {@code channel} with {@code SO_LINGER 0}: the kernel drops anything unsent and
     * answers with a TCP RST instead of the orderly FIN, the way a crashing process or a load
     * balancer dropping a backend looks to a client.
     */
    static void reset(Channel channel) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }
}
