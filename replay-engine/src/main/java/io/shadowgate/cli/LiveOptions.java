package io.shadowgate.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * What a run shows while it lasts: progress on stderr, and the figures for Prometheus.
 *
 * @param progress how progress is shown ({@link ProgressReporter.Style#detect})
 * @param err      where progress and notices go (the command's stderr)
 * @param metrics  where {@code --metrics-port} listens, or null for no endpoint
 *                 ({@link MetricsEndpoint#address})
 */
record LiveOptions(ProgressReporter.Style progress, PrintWriter err, InetSocketAddress metrics) {
}
