/**
 * Simulated model servers (Netty) with behaviour profiles, scheduled faults, a concurrency
 * limit and varied predict answers, on loopback; and the fault-injecting proxy that puts the
 * same faults in front of a real service.
 */
package io.shadowgate.sim;
