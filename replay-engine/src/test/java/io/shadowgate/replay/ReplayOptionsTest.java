package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static ReplayOptions loops(int eventLoops) {
        return new ReplayOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), 8, 1, eventLoops, false);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "127.1.2.3, true", "localhost, true", "LOCALHOST, true", "[::1], true", "::1, true",
        "10.0.0.1, false", "128.0.0.1, false", "::2, false", "example.com, false", "localhost.example.com, false",
    })
    void loopbackIsRecognisedWithoutALookup(String host, boolean loopback) {
        assertThat(ReplayOptions.isLoopback(host)).isEqualTo(loopback);
    }

    @Test
    void targetsOnThisMachineGetHalfTheCoresOthersOnePerCore() {
        ReplayOptions automatic = loops(ReplayOptions.AUTOMATIC_EVENT_LOOPS);

        assertThat(automatic.eventLoopsFor(List.of("127.0.0.1", "localhost"))).isEqualTo(Math.max(1, CORES / 2));
        assertThat(automatic.eventLoopsFor(List.of("127.0.0.1", "model.internal"))).isEqualTo(CORES);
        assertThat(automatic.eventLoopsFor(List.of())).isEqualTo(CORES);
    }

    @Test
    void aChosenNumberOfLoopsIsKept() {
        assertThat(loops(3).eventLoopsFor(List.of("127.0.0.1"))).isEqualTo(3);
        assertThat(loops(3).eventLoopsFor(List.of("model.internal"))).isEqualTo(3);
    }
}
