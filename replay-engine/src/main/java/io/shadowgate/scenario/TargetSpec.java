package io.shadowgate.scenario;

import java.net.URI;

/**
 * Where a target lives: a real HTTP endpoint ({@code url}) or a simulated model server
 * ({@code simulated}) that the run starts on a loopback port. Exactly one is set.
 *
 * @param url       base URL such as {@code http://127.0.0.1:8080}; request paths are appended
 * @param simulated behaviour of a simulated server
 */
public record TargetSpec(URI url, SimulatedProfile simulated) {

    public boolean isSimulated() {
        return simulated != null;
    }
}
