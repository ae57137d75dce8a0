package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import io.shadowgate.sim.SimulatedServer;
import io.shadowgate.traffic.SynthesizedTraffic;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The replayer against real simulated servers on loopback. */
class ReplayerTest {

    private static final RequestTemplate PREDICT = new RequestTemplate("predict", 1, "POST", "/v1/predict",
            Map.of("content-type", "application/json"), "{\"features\": {{features:4}}}");

    private static SimulatedProfile profile(String version, double medianMs, double errorRate, List<FaultSpec> faults) {
        return new SimulatedProfile(version, new LatencyProfile(medianMs, 0, 0, 0), errorRate, 503, faults);
    }

    private static ReplayOptions options(Duration requestTimeout, int maxConnections) {
        return new ReplayOptions(Duration.ofSeconds(1), requestTimeout, maxConnections, 4, 2, false);
    }

    private static Map<String, URI> targets(URI baseline, URI candidate) {
        Map<String, URI> targets = new LinkedHashMap<>();
        targets.put("baseline", baseline);
        targets.put("candidate", candidate);
        return targets;
    }

    private static SynthesizedTraffic traffic(Duration duration, double rate) {
        return new SynthesizedTraffic(new TrafficSpec(duration, rate, Arrivals.CONSTANT, List.of(PREDICT)), 1);
    }

    @Test
    void everyRequestEndsExactlyOncePerTarget() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (SimulatedServer b = SimulatedServer.start(profile("1", 2, 0.1, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("2", 3, 0.0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = new Replayer(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(2), 64), outcomes::add)) {
            replayer.connect();
            ReplaySummary summary = replayer.replay(traffic(Duration.ofSeconds(1), 300));

            assertThat(summary.scheduled()).isEqualTo(300);
            assertThat(summary.dispatched()).isEqualTo(300);
            assertThat(outcomes).hasSize(600);
            Map<String, Long> perTarget = outcomes.stream().collect(Collectors.groupingBy(Outcome::target, Collectors.counting()));
            assertThat(perTarget).containsEntry("baseline", 300L).containsEntry("candidate", 300L);
            assertThat(outcomes.stream().map(o -> o.target() + "/" + o.requestId()).distinct()).hasSize(600);
            assertThat(outcomes).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE));
            long baselineErrors = outcomes.stream().filter(o -> o.target().equals("baseline") && o.status() == 503).count();
            assertThat(baselineErrors).isBetween(10L, 55L);
            assertThat(outcomes.stream().filter(o -> o.target().equals("candidate") && o.status() != 200)).isEmpty();
            // Same clock, same instants: both copies of a request share the intended send time.
            Map<Long, List<Outcome>> byRequest = outcomes.stream().collect(Collectors.groupingBy(Outcome::requestId));
            assertThat(byRequest.values()).allSatisfy(pair ->
                    assertThat(pair.get(0).intendedNanos()).isEqualTo(pair.get(1).intendedNanos()));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.latencyNanos()).isGreaterThanOrEqualTo(o.serviceNanos()));
        }
    }

    /**
     * The heart of open-loop replay: a target that stalls for a second delays every request
     * scheduled during the stall, and each one's latency counts from its own intended instant;
     * meanwhile the schedule keeps sending on time.
     */
    @Test
    void aStallRaisesTheLatencyOfEveryRequestScheduledDuringIt() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        FaultSpec stall = new FaultSpec(FaultKind.STALL, Duration.ofMillis(1000), Duration.ofSeconds(1));
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 1, 0, List.of(stall)), "127.0.0.1", 0, 2);
             Replayer replayer = new Replayer(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(5), 256), outcomes::add)) {
            replayer.connect();
            replayer.replay(traffic(Duration.ofMillis(3000), 100), c::anchorFaults);
        }
        List<Outcome> candidate = outcomes.stream().filter(o -> o.target().equals("candidate"))
                .sorted((x, y) -> Long.compare(x.intendedNanos(), y.intendedNanos())).toList();
        List<Outcome> baseline = outcomes.stream().filter(o -> o.target().equals("baseline")).toList();
        assertThat(candidate).hasSize(300).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE));

        // The stalled requests are the ones answered long after they were due; they were all
        // answered together when the stall ended, whatever their own intended instant.
        List<Outcome> stalled = candidate.stream().filter(o -> o.latencyNanos() > 100_000_000L).toList();
        assertThat(stalled.size()).isBetween(80, 110);
        long stallEnd = stalled.stream().mapToLong(Outcome::endNanos).max().orElseThrow();
        assertThat(stalled).allSatisfy(o -> {
            assertThat(stallEnd - o.endNanos()).isLessThan(60_000_000L);
            // Latency from the intended instant is the whole wait until the stall ended.
            assertThat(o.latencyNanos()).isGreaterThan(stallEnd - o.intendedNanos() - 60_000_000L);
        });
        // Not just the one in flight: the stalled requests span the whole second of the stall.
        // Stall [1.0 s, 2.0 s) of the schedule: the requests due in it are the stalled ones.
        assertThat(stalled.get(0).intendedNanos()).isBetween(980_000_000L, 1_020_000_000L);
        assertThat(stalled.get(stalled.size() - 1).intendedNanos()).isBetween(1_900_000_000L, 2_000_000_000L);
        assertThat(stallEnd).isBetween(2_000_000_000L, 2_060_000_000L);
        // The schedule was kept: requests went out at their instants while the target stalled
        // (a percentile, not every request: a busy CI machine can delay any single send).
        long[] lateness = candidate.stream().mapToLong(Outcome::latenessNanos).sorted().toArray();
        assertThat(lateness[(int) (lateness.length * 0.95)]).isLessThan(50_000_000L);
        assertThat(stalled.stream().filter(o -> o.latenessNanos() < 50_000_000L).count())
                .isGreaterThan(stalled.size() * 9L / 10);
        assertThat(baseline).allSatisfy(o -> assertThat(o.latencyNanos()).isLessThan(100_000_000L));
    }

    /**
     * What the run's schedule check reads: per target, how many requests went out, and how many
     * first found every connection busy; a target too slow for its connections shows in the
     * second, a fast one does not.
     */
    @Test
    void eachTargetsSendsAddUpAndCountTheRequestsThatWaitedForAConnection() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ReplaySummary summary;
        // 200 requests a second held 40 ms each need 8 connections; the candidate has 4.
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 40, 0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = new Replayer(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(5), 4), outcomes::add)) {
            replayer.connect();
            summary = replayer.replay(traffic(Duration.ofSeconds(1), 200));
        }

        assertThat(summary.sends().keySet()).containsExactly("baseline", "candidate");
        for (String role : List.of("baseline", "candidate")) {
            long sent = outcomes.stream().filter(o -> o.target().equals(role) && o.wasSent()).count();
            assertThat(summary.sends().get(role).sent()).as(role).isEqualTo(sent).isEqualTo(200);
        }
        assertThat(summary.sends().get("candidate").waited()).isGreaterThan(100);
        assertThat(summary.sends().get("baseline").waited()).isLessThan(20);
        // The candidate's backlog went out after its schedule ended (1 s): 200 at 100 a second.
        assertThat(summary.sends().get("candidate").lastSentNanos()).isGreaterThan(1_500_000_000L);
        assertThat(summary.loopBusy()).isBetween(0.0, 0.9);
    }

    @Test
    void aTargetSlowerThanTheTimeoutEndsInTimeoutsThatAddUp() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 400, 0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = new Replayer(targets(b.address(), c.address()),
                     options(Duration.ofMillis(150), 8), outcomes::add)) {
            replayer.connect();
            ReplaySummary summary = replayer.replay(traffic(Duration.ofSeconds(1), 100));

            assertThat(summary.scheduled()).isEqualTo(100);
            // Timed out while waiting for a connection or on one: each left the backlog once.
            assertThat(replayer.unwritten(1)).isZero();
        }
        List<Outcome> candidate = outcomes.stream().filter(o -> o.target().equals("candidate")).toList();
        assertThat(candidate).hasSize(100).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(OutcomeKind.TIMEOUT);
            assertThat(o.latencyNanos()).isBetween(140_000_000L, 400_000_000L);
        });
        // With 8 connections all busy, requests queued for one; the wait counts in their latency.
        assertThat(candidate.stream().filter(o -> !o.wasSent() || o.latenessNanos() > 20_000_000L).count())
                .isGreaterThan(20);
        assertThat(outcomes.stream().filter(o -> o.target().equals("baseline"))).hasSize(100);
    }

    @Test
    void stoppingMidRunStopsReadingAndEveryRequestReadHasItsOutcome() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = new Replayer(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(2), 32), outcomes::add)) {
            replayer.connect();
            timer.schedule(replayer::stop, 500, TimeUnit.MILLISECONDS);
            ReplaySummary summary = replayer.replay(traffic(Duration.ofSeconds(10), 100));

            assertThat(summary.stopped()).isTrue();
            assertThat(summary.dispatched()).isBetween(30L, 80L);
            // It stops reading at once: read but not sent are at most the requests handed to the loops ahead of
            // their instants (100/s over the lookahead) and the one waiting to be handed over; the rest of the
            // stream is left to be accounted in bulk by the caller.
            long handedAhead = 100 * Replayer.LOOKAHEAD_NANOS / TimeUnit.SECONDS.toNanos(1) + 1;
            assertThat(summary.scheduled() - summary.dispatched()).isBetween(0L, handedAhead + 1);
            long notSent = outcomes.stream().filter(o -> o.kind() == OutcomeKind.NOT_SENT).count();
            assertThat(notSent).isEqualTo(2 * (summary.scheduled() - summary.dispatched()));
            assertThat(outcomes).hasSize((int) (2 * summary.scheduled()));
            assertThat(replayer.unwritten(0)).isZero();
            assertThat(replayer.unwritten(1)).isZero();
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * Offered far more than both targets can take, the replayer stops reading while every
     * target is that far behind, instead of holding the whole backlog: each target's unwritten
     * exchanges stay near the bound, every request is still answered, and the wait counts in
     * the requests' lateness.
     */
    @Test
    void whenEveryTargetIsFarBehindTheReplayerStopsReadingAndLosesNothing() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        int bound = 40;
        long[] peak = new long[2];
        // 2 connections held 5 ms each: 400 a second a target, against 1,000 offered.
        try (SimulatedServer b = SimulatedServer.start(profile("1", 5, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 5, 0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = Replayer.withBacklogBound(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(20), 2), outcomes::add, bound)) {
            replayer.connect();
            ReplaySummary summary = sampledPeaks(replayer, peak, () -> replayer.replay(traffic(Duration.ofSeconds(1), 1000)));

            assertThat(summary.scheduled()).isEqualTo(1000);
            assertThat(replayer.unwritten(0)).isZero();
            assertThat(replayer.unwritten(1)).isZero();
        }
        // Without the bound the backlog reached ~600 a target by the end of the schedule. With it, the
        // scheduler waits while both are above it, so one may be above it by what the other lags behind.
        assertThat(peak[0]).isBetween((long) bound, 3L * bound);
        assertThat(peak[1]).isBetween((long) bound, 3L * bound);
        assertThat(outcomes).hasSize(2000).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE));
        // The last requests went out about 1.5 s after their instants (1,000 at 400 a second), and say so.
        long lateOnes = outcomes.stream().filter(o -> o.latenessNanos() > 1_000_000_000L).count();
        assertThat(lateOnes).isGreaterThan(200);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.latencyNanos()).isGreaterThanOrEqualTo(o.latenessNanos()));
    }

    /** A candidate far behind on its own holds nothing back: the baseline keeps its schedule. */
    @Test
    void oneTargetFarBehindDoesNotHoldBackTheOther() throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        int bound = 40;
        long[] peak = new long[2];
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             SimulatedServer c = SimulatedServer.start(profile("1", 5, 0, List.of()), "127.0.0.1", 0, 2);
             Replayer replayer = Replayer.withBacklogBound(targets(b.address(), c.address()),
                     options(Duration.ofSeconds(20), 2), outcomes::add, bound)) {
            replayer.connect();
            sampledPeaks(replayer, peak, () -> replayer.replay(traffic(Duration.ofSeconds(1), 1000)));
        }
        assertThat(peak[1]).isGreaterThan(10L * bound);
        long[] baselineLateness = outcomes.stream().filter(o -> o.target().equals("baseline"))
                .mapToLong(Outcome::latenessNanos).sorted().toArray();
        assertThat(baselineLateness).hasSize(1000);
        assertThat(baselineLateness[949]).isLessThan(50_000_000L);
        assertThat(outcomes).hasSize(2000).allSatisfy(o -> assertThat(o.kind()).isEqualTo(OutcomeKind.RESPONSE));
    }

    /** Runs {@code replay} while recording each target's most unwritten exchanges, every millisecond. */
    private static ReplaySummary sampledPeaks(Replayer replayer, long[] peak, Supplier<ReplaySummary> replay)
            throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                for (int t = 0; t < peak.length; t++) {
                    peak[t] = Math.max(peak[t], replayer.unwritten(t));
                }
                LockSupport.parkNanos(1_000_000);
            }
        });
        sampler.start();
        try {
            return replay.get();
        } finally {
            done.set(true);
            sampler.join();
        }
    }

    @Test
    void anUnreachableTargetIsNamedWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SimulatedServer b = SimulatedServer.start(profile("1", 1, 0, List.of()), "127.0.0.1", 0, 1);
             Replayer replayer = new Replayer(targets(b.address(), URI.create("http://127.0.0.1:" + closedPort)),
                     options(Duration.ofSeconds(2), 8), o -> { })) {
            long start = System.nanoTime();
            assertThatThrownBy(replayer::connect)
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("target 'candidate' at http://127.0.0.1:" + closedPort + " could not be reached");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
        }
    }
}
