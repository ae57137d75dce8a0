/**
 * JMH benchmarks of the engine's hot paths, and the rate-sweep harness that finds how fast the
 * replayer can pace shadow traffic on this machine; nothing in the engine depends on it.
 */
package io.shadowgate.bench;
