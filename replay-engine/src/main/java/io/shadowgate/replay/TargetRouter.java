package io.shadowgate.replay;

import io.shadowgate.traffic.Request;

/**
 * Which targets each request goes to: all of them (shadow mode), or one chosen by weight
 * (split mode, whose weights change by stage). Called on the scheduler thread, in schedule
 * order, once per request, including requests that end up not sent, so that a router that
 * keeps accounts sees every request exactly once.
 */
public interface TargetRouter {

    /** Every request to every target: shadow mode. */
    TargetRouter ALL = (request, sent) -> -1L;

    /**
     * The targets of {@code request} as a bit set over the replayer's roles in order (bit 0 the
     * first); bits beyond the last role are ignored. At least one of the roles' bits is set.
     *
     * @param sent false when the run is stopping and the request will not be sent
     */
    long route(Request request, boolean sent);
}
