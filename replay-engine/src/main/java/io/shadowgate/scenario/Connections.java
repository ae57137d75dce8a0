package io.shadowgate.scenario;

/**
 * Client connection limits.
 *
 * @param maxPerTarget most keep-alive connections open to one target at once; requests
 *                     beyond that wait for a free connection (their latency still counts
 *                     from the intended send instant)
 * @param warmup       connections opened to each target before the schedule starts, so the
 *                     first requests do not pay for the TCP handshake
 */
public record Connections(int maxPerTarget, int warmup) {

    public static final Connections DEFAULT = new Connections(256, 16);
}
