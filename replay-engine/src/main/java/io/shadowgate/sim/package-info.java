/**
 * Simulated model servers (Netty) with behaviour profiles, scheduled faults and varied
 * predict answers, on loopback.
 */
package io.shadowgate.sim;
