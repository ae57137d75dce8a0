package io.shadowgate.scenario;

import java.nio.file.Path;

/**
 * A scenario together with where it came from, so a report can prove which file it ran.
 *
 * @param scenario the validated scenario
 * @param file     the file it was loaded from, as given
 * @param sha256   lower-case hex SHA-256 of the file's raw bytes
 */
public record LoadedScenario(Scenario scenario, Path file, String sha256) {
}
