package io.shadowgate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import io.shadowgate.scenario.Rehearsal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThinStagesTest {

    private static final Rehearsal PLAN = new Rehearsal(null, List.of(
            new Rehearsal.Stage(0.05, Duration.ofSeconds(4)), new Rehearsal.Stage(0.25, Duration.ofSeconds(4)),
            new Rehearsal.Stage(1.0, Duration.ofSeconds(4))), Duration.ofMillis(500), 1, Duration.ofSeconds(2), true);

    @Test
    void aFivePercentStageIsTooThinForAP99GateAtTwoThousandPerSecond() {
        Gates p99 = new Gates(200, Map.of(99.0, new LatencyGate(0.2, null)), new ErrorRateGate(0.01));

        // 2,000/s x 5% x (4 s + one 4 s extension) = 800 candidate requests; a p99 needs 10 beyond it: 1,000.
        assertThat(ThinStages.warnings(PLAN, p99, 2000)).singleElement().asString()
                .startsWith("stage 1 (5%) gets about 800 requests on its thinner side")
                .contains("need at least 1000");
        assertThat(ThinStages.warnings(PLAN, p99, 3000)).isEmpty();
    }

    @Test
    void minSamplesAloneSetsTheNeedWithoutTailGates() {
        Gates p50 = new Gates(200, Map.of(50.0, new LatencyGate(0.1, null)), new ErrorRateGate(0.01));

        assertThat(ThinStages.warnings(PLAN, p50, 400)).singleElement().asString().contains("stage 1 (5%)")
                .contains("at least 200");
        assertThat(ThinStages.warnings(PLAN, p50, 600)).isEmpty();
    }
}
