package io.shadowgate.sim;

import io.netty.channel.group.ChannelGroup;
import io.shadowgate.capture.Upstream;
import io.shadowgate.netty.Transport;

/**
 * What every connection of one fault proxy shares. Immutable apart from the fault clock's
 * origin and the channel group, both safe to use from any event loop.
 *
 * @param upstream where requests go
 * @param transport the transport of the proxy's event loops, for the upstream connections
 * @param faults   the faults to inject
 * @param clock    the origin fault windows count from
 * @param clients  open client connections, closed together when the proxy stops
 */
record FaultProxyContext(Upstream upstream, Transport transport, FaultPlan faults, FaultClock clock,
                         ChannelGroup clients) {
}
