package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.replay.ReplayOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The deterministic-latency mode's draws depend on the seed and the request id alone. */
class StatedLatencyTest {

    @Test
    void theServerStatesInTheHeaderTheReplayerReads() {
        assertThat(StatedLatency.HEADER).isEqualTo(ReplayOptions.STATED_LATENCY_HEADER);
    }

    @Test
    void drawsAreAFunctionOfSeedAndRequestId() {
        StatedLatency stated = new StatedLatency(5);
        SplittableRandom connectionA = new SplittableRandom(1);
        SplittableRandom connectionB = new SplittableRandom(2);
        assertThat(stated.generator(id(42), connectionA).nextLong()).isEqualTo(stated.generator(id(42), connectionB).nextLong());
        assertThat(stated.generator(id(42), connectionA).nextLong()).isNotEqualTo(stated.generator(id(43), connectionA).nextLong());
        assertThat(new StatedLatency(6).generator(id(42), connectionA).nextLong())
                .isNotEqualTo(stated.generator(id(42), connectionA).nextLong());
        // Without an id (not our replayer) the connection's own generator is used.
        assertThat(stated.generator(new DefaultHttpHeaders(), connectionA)).isSameAs(connectionA);
    }

    private static HttpHeaders id(long id) {
        return new DefaultHttpHeaders().set(StatedLatency.REQUEST_ID_HEADER, id);
    }
}
