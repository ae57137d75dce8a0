package io.shadowgate.sim;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;

/**
 * One request through the fault proxy and its answer: what the faults do to it and how far it
 * has got. Used on its connection's event loop only.
 */
final class FaultProxyExchange {

    final FaultEffect fault;
    final long arrivalNanos;
    /** Sent to the upstream; false when the proxy answers it itself (an error, or the upstream is unreachable). */
    final boolean forwarded;
    /** Close the client connection once the answer is written: either side asked, or the upstream is gone. */
    boolean closeAfter;
    boolean responseStarted;
    /** The whole response has arrived from the upstream (it may still be held or trickling to the client). */
    boolean responseEnded;
    /** For a slow body: when its headers were written to the client. */
    long headWrittenNanos;
    /** For a slow body: the body as it arrives from the upstream, and its trailers. */
    ByteArrayOutputStream slowBody;
    HttpHeaders trailers;
    BodyTrickle trickle;

    FaultProxyExchange(FaultEffect fault, long arrivalNanos, boolean forwarded, boolean keepAlive) {
        this.fault = fault;
        this.arrivalNanos = arrivalNanos;
        this.forwarded = forwarded;
        this.closeAfter = !keepAlive;
    }
}
