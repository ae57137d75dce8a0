/** Simulated model servers (Netty) with behaviour profiles and scheduled faults, on loopback. */
package io.shadowgate.sim;
