/** Netty plumbing shared by the client (replay) and the servers (sim, later capture): transport choice. */
package io.shadowgate.netty;
