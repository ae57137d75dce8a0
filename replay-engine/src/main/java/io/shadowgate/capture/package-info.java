/**
 * The recording reverse proxy behind {@code shadowgate capture}: forwards HTTP/1.1 traffic to
 * an upstream unchanged and writes a sampled, redacted copy of the exchanges as a traffic file.
 */
package io.shadowgate.capture;
