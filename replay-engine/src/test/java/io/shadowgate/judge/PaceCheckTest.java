package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.judge.SchedulePace.Behind;
import io.shadowgate.metrics.LatencySummary;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.Percentile;
import io.shadowgate.metrics.TargetSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run says about keeping its schedule, for each thing that can hold a replay back. */
class PaceCheckTest {

    @Test
    void lateByLessThanTheBoundIsKeptAndSaysNothing() {
        SchedulePace pace = PaceCheck.of(10_000, 10.0, 10_000, 10.001, 0.2, Map.of("baseline", 10_000L),
                Map.of("baseline", 0L), List.of(target("baseline", 9.9, 5)), 64);

        assertThat(pace.kept()).isTrue();
        assertThat(pace.behind()).isEqualTo(Behind.NOTHING);
        assertThat(pace.finding()).isNull();
        assertThat(pace.plannedPerSecond()).isEqualTo(1_000.0);
        assertThat(pace.sentPerSecond()).isCloseTo(999.9, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aBusyEventLoopIsNamedAsTheLimitWithTheRatesAndWhatToDo() {
        SchedulePace pace = PaceCheck.of(850_000, 10.0, 850_000, 12.5, 0.95,
                Map.of("baseline", 850_000L, "candidate", 850_000L), Map.of("baseline", 849_000L, "candidate", 849_000L),
                List.of(target("baseline", 627, 0.4), target("candidate", 640, 0.4)), 32);

        assertThat(pace.kept()).isFalse();
        assertThat(pace.behind()).isEqualTo(Behind.REPLAYER);
        assertThat(pace.percentile()).isEqualTo(99);
        assertThat(pace.latenessMillis()).isEqualTo(640);
        assertThat(pace.finding())
                .startsWith("the replay fell behind its schedule: 1 request in 100 went out more than 640 ms after its "
                        + "instant (lateness p99 at candidate), and 68000 req/s were sent against 85000 req/s planned.")
                .contains("event loop was busy 95.0% of the replay")
                .contains("--shard I/N")
                .contains("Latency still counts from each request's intended instant");
    }

    @Test
    void requestsWaitingForConnectionsNameTheTargetAndTheConnectionsItNeeds() {
        // 100 requests a second held 40 ms each need 4 connections in flight; the run allowed 2.
        SchedulePace pace = PaceCheck.of(300, 3.0, 300, 6.0, 0.05,
                Map.of("baseline", 300L, "candidate", 300L), Map.of("baseline", 1L, "candidate", 298L),
                List.of(target("baseline", 2, 40), target("candidate", 3_043, 40)), 2);

        assertThat(pace.behind()).isEqualTo(Behind.CONNECTIONS);
        assertThat(pace.finding())
                .contains("At candidate, 298 of 300 requests (99.3%) found all 2 of its connections busy and waited "
                        + "for one; at 100 req/s and a mean service time of 40.0 ms it needs about 4 connections.")
                .contains("Raise connections.maxPerTarget.")
                .doesNotContain("At baseline");
        assertThat(pace.waited()).containsEntry("candidate", 298L);
    }

    @Test
    void neitherTheLoopNorTheConnectionsWithTheRateShortLeavesTheMachine() {
        SchedulePace pace = PaceCheck.of(4_000, 10.0, 4_000, 10.5, 0.12, Map.of("baseline", 4_000L),
                Map.of("baseline", 3L), List.of(target("baseline", 35, 8)), 256);

        assertThat(pace.behind()).isEqualTo(Behind.MACHINE);
        assertThat(pace.finding()).contains("Neither the event loop (busy 12.0%) nor the connections were the limit: "
                + "the replayer was short of CPU");
    }

    /**
     * The 10,000,000-record replay at 25,000 paired requests/s: its loop used 95 % of a core,
     * sleeping and waking for every send and answer, yet sent every request at the planned rate;
     * 1 in 100 was late by 15.5 ms, in GC pauses. That is not a replayer that could not keep up.
     */
    @Test
    void aBusyLoopThatKeptTheRateIsNotTheLimitTheLateOnesCameInBursts() {
        SchedulePace pace = PaceCheck.of(10_000_000, 400.0, 10_000_000, 400.0001, 0.948,
                Map.of("baseline", 10_000_000L), Map.of("baseline", 196_413L), List.of(target("baseline", 15.5, 0.1)),
                64);

        assertThat(pace.kept()).isFalse();
        assertThat(pace.behind()).isEqualTo(Behind.MACHINE);
        assertThat(pace.finding()).contains("The rate was kept over the replay as a whole, so the late requests came in "
                + "bursts").doesNotContain("could not send faster");
    }

    @Test
    void aTargetThatNothingWasSentToDoesNotDecide() {
        SchedulePace pace = PaceCheck.of(0, 0, 0, -1e-9, -1, Map.of("baseline", 0L), Map.of("baseline", 0L),
                List.of(new TargetSummary("baseline", "http://127.0.0.1:1", null, LatencySummary.EMPTY,
                        LatencySummary.EMPTY, LatencySummary.EMPTY, List.of(), List.of())), 64);

        assertThat(pace.kept()).isTrue();
        assertThat(pace.plannedPerSecond()).isZero();
        assertThat(pace.sentPerSecond()).isZero();
    }

    @Test
    void inASmallRunTheTwoOrThreeLatestRequestsAloneDoNotMakeItBehind() {
        // 138 requests, as a shard of a small run that started beside three others on two cores.
        TargetSummary twoLate = target("baseline", 138, new Percentile(90, 2), new Percentile(99, 145));
        TargetSummary tenthLate = target("baseline", 300, new Percentile(90, 3_043), new Percentile(99, 3_100));

        SchedulePace small = PaceCheck.of(138, 1.4, 138, 1.5, 0.07, Map.of("baseline", 138L), Map.of("baseline", 0L),
                List.of(twoLate), 64);
        SchedulePace behind = PaceCheck.of(300, 3.0, 300, 6.0, 0.05, Map.of("baseline", 300L),
                Map.of("baseline", 298L), List.of(tenthLate), 2);

        assertThat(small.kept()).isTrue();
        assertThat(small.percentile()).isEqualTo(90);
        assertThat(behind.kept()).isFalse();
        assertThat(behind.finding()).startsWith("the replay fell behind its schedule: 1 request in 10 went out more "
                + "than 3043 ms after its instant (lateness p90 at baseline)");
        assertThat(PaceCheck.judgedPercentile(99)).isEqualTo(50);
        assertThat(PaceCheck.judgedPercentile(999)).isEqualTo(90);
        assertThat(PaceCheck.judgedPercentile(1_000)).isEqualTo(99);
    }

    /** A target whose sends were late by {@code lateP99} ms at p99 and whose requests took {@code serviceMean} ms. */
    private static TargetSummary target(String role, double lateP99, double serviceMean) {
        LatencySummary lateness = new LatencySummary(1_000, lateP99 / 2, lateP99 * 1.1,
                List.of(new Percentile(50, lateP99 / 2), new Percentile(99, lateP99)));
        LatencySummary service = new LatencySummary(1_000, serviceMean, serviceMean * 3,
                List.of(new Percentile(50, serviceMean), new Percentile(99, serviceMean * 2)));
        return new TargetSummary(role, "http://127.0.0.1:1", null, service, service, lateness, List.of(), List.of());
    }

    private static TargetSummary target(String role, long count, Percentile... lateness) {
        LatencySummary late = new LatencySummary(count, 1, lateness[lateness.length - 1].millis(), List.of(lateness));
        LatencySummary service = new LatencySummary(count, 5, 9, List.of(new Percentile(50, 5), new Percentile(99, 8)));
        return new TargetSummary(role, "http://127.0.0.1:1", null, service, service, late, List.of(), List.of());
    }
}
