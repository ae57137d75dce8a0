/**
 * JMH benchmarks of the engine's hot paths, and harnesses: the rate sweep that finds how fast the
 * replayer can pace shadow traffic on this machine, the calibrations of the judge and of split
 * mode's staged rollout, and the time the analysis of ten million paired requests takes; nothing
 * in the engine depends on it.
 */
package io.shadowgate.bench;
