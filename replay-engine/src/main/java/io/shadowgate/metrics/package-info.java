/** Per-target, per-endpoint recorders: HdrHistogram latency, outcome counters, per-second series. */
package io.shadowgate.metrics;
