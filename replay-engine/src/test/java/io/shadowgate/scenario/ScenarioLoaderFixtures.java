package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

/** What the scenario loading tests share: the smallest valid scenario and a load that must fail. */
final class ScenarioLoaderFixtures {

    /** The smallest valid scenario; tests append to it or replace one line of it. */
    static final String MINIMAL = """
            name: minimal
            targets:
              baseline:
                url: http://127.0.0.1:8080
              candidate:
                url: http://127.0.0.1:8081
            traffic:
              synth:
                duration: 10s
                rate: 50
                requests:
                  - path: /health
            """;

    private ScenarioLoaderFixtures() {
    }

    static ScenarioException failure(Path file) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertThat(e).as("loading %s should fail", file).isNotNull();
        return e;
    }
}
