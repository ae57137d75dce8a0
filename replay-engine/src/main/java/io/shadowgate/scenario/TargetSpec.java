package io.shadowgate.scenario;

import java.net.URI;
import java.util.Map;

/**
 * Where a target lives: a real HTTP endpoint ({@code url}) or a simulated model server
 * ({@code simulated}) that the run starts on a loopback port. Exactly one is set.
 *
 * @param url              base URL such as {@code http://127.0.0.1:8080}; request paths are appended
 * @param simulated        behaviour of a simulated server
 * @param allowSideEffects whether POST, PUT, PATCH and DELETE may be replayed to it: true by default
 *                         for simulated targets, and only when the scenario says so for real ones
 * @param headers          headers set on every request to this target; a value may be
 *                         {@code ${env:NAME}}, read from the environment when the run starts so
 *                         that secrets live in neither the scenario nor any output
 * @param host             the Host header to present, or null for the URL's host and port
 * @param version          the version this target is said to run ({@code version:}; for a simulated
 *                         target its {@code simulated.version} by default), or null when not said;
 *                         the verdict names it, and {@code shadowgate verify} checks it
 * @param versionFrom      where the target reports its own version in its answers, or null when
 *                         it is not read from them
 */
public record TargetSpec(URI url, SimulatedProfile simulated, boolean allowSideEffects, Map<String, String> headers,
                         String host, String version, VersionSource versionFrom) {

    /** A target with defaults for everything but where it is. */
    public TargetSpec(URI url, SimulatedProfile simulated) {
        this(url, simulated, simulated != null, Map.of(), null);
    }

    /** A target whose version is its simulated model's (if any), not read from its answers. */
    public TargetSpec(URI url, SimulatedProfile simulated, boolean allowSideEffects, Map<String, String> headers,
                      String host) {
        this(url, simulated, allowSideEffects, headers, host, simulated == null ? null : simulated.version(), null);
    }

    public boolean isSimulated() {
        return simulated != null;
    }
}
