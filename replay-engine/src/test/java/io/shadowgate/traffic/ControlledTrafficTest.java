package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.scenario.ReplayControls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replay controls on a small hand-made stream: no sockets, no clock. */
class ControlledTrafficTest {

    /** GET /a at 0 s, POST /b at 1 s, GET /admin at 2 s, GET /a at 10 s (an idle gap), PUT /c at 11 s. */
    private static final List<Request> RECORDED = List.of(
            request(0, 0, "GET", "/a"),
            request(1, 1_000_000, "POST", "/b"),
            request(2, 2_000_000, "GET", "/admin"),
            request(3, 10_000_000, "GET", "/a?x=1"),
            request(4, 11_000_000, "PUT", "/c"));

    private static Request request(long id, long offset, String method, String path) {
        return new Request(id, offset, EndpointNames.of(method, path), method, path,
                List.of(new Header("Cookie", "s=1"), new Header("Accept", "*/*")), new byte[0]);
    }

    private static ReplayControls controls(Duration from, Duration to, Set<String> methods, List<Pattern> allow,
                                           List<Pattern> deny, double speed, Duration maxGap, Double rate, int loop) {
        return new ReplayControls(from, to, methods, allow, deny, speed, maxGap, rate, loop, List.of(), Map.of(), Set.of());
    }

    private static List<Request> run(ControlledTraffic traffic) {
        List<Request> out = new ArrayList<>();
        traffic.forEachRemaining(out::add);
        return out;
    }

    private static List<Long> offsets(List<Request> requests) {
        return requests.stream().map(Request::offsetMicros).toList();
    }

    @Test
    void noControlsReplaysAsRecorded() {
        ControlledTraffic t = new ControlledTraffic(() -> ListTraffic.of(RECORDED), ReplayControls.NONE, true);
        List<Request> out = run(t);

        assertThat(offsets(out)).containsExactly(0L, 1_000_000L, 2_000_000L, 10_000_000L, 11_000_000L);
        assertThat(t.stats()).isEqualTo(new ControlledTraffic.Stats(5, 0, 0, 0, 5));
    }

    @Test
    void timingControls() {
        // Twice as fast: every offset halves.
        assertThat(offsets(run(new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(null, null, Set.of(), List.of(), List.of(), 2.0, null, null, 1), true))))
                .containsExactly(0L, 500_000L, 1_000_000L, 5_000_000L, 5_500_000L);
        // Idle gaps capped at 1 s: the 8 s pause before the fourth request becomes 1 s.
        assertThat(offsets(run(new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(null, null, Set.of(), List.of(), List.of(), 1.0, Duration.ofSeconds(1), null, 1), true))))
                .containsExactly(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L);
        // A fixed rate of 4/s replaces the recorded timing altogether.
        assertThat(offsets(run(new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(null, null, Set.of(), List.of(), List.of(), 1.0, null, 4.0, 1), true))))
                .containsExactly(0L, 250_000L, 500_000L, 750_000L, 1_000_000L);
    }

    @Test
    void aWindowKeepsItsPartAndOffsetsCountFromItsStart() {
        ControlledTraffic t = new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(Duration.ofSeconds(1), Duration.ofSeconds(10), Set.of(), List.of(), List.of(), 1.0, null, null, 1), true);
        List<Request> out = run(t);

        assertThat(out).extracting(Request::path).containsExactly("/b", "/admin");
        assertThat(offsets(out)).containsExactly(0L, 1_000_000L);
        assertThat(out).extracting(Request::id).containsExactly(0L, 1L);
        assertThat(t.stats()).isEqualTo(new ControlledTraffic.Stats(5, 3, 0, 0, 2));
    }

    @Test
    void filtersAndTheSideEffectGuardAreCountedApart() {
        ControlledTraffic t = new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(null, null, Set.of("GET", "POST", "PUT"), List.of(), List.of(Pattern.compile("^/admin")), 1.0, null, null, 1),
                false);
        List<Request> out = run(t);

        assertThat(out).extracting(Request::path).containsExactly("/a", "/a?x=1");
        assertThat(t.stats()).isEqualTo(new ControlledTraffic.Stats(5, 0, 1, 2, 2));
        assertThat(t.stats().read()).isEqualTo(t.stats().outsideWindow() + t.stats().filtered()
                + t.stats().sideEffectSkipped() + t.stats().replayed());
    }

    @Test
    void loopsFollowEachOtherAndIdsKeepCounting() {
        ControlledTraffic t = new ControlledTraffic(() -> ListTraffic.of(RECORDED),
                controls(null, Duration.ofSeconds(3), Set.of(), List.of(), List.of(), 1.0, null, null, 3), true);
        List<Request> out = run(t);

        // Three loops of 0, 1, 2 s; each next loop one average gap (1 s) after the last request.
        assertThat(offsets(out)).containsExactly(0L, 1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L,
                6_000_000L, 7_000_000L, 8_000_000L);
        assertThat(out).extracting(Request::id).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(t.stats().read()).isEqualTo(15);
    }

    @Test
    void rewritesChangePathsAndHeaders() {
        ReplayControls rewrite = new ReplayControls(null, null, Set.of(), List.of(), List.of(), 1.0, null, null, 1,
                List.of(new ReplayControls.PathRewrite(Pattern.compile("^/a"), "/v2/a")), Map.of("X-Replay", "shadowgate"),
                Set.of("cookie"));
        List<Request> out = run(new ControlledTraffic(() -> ListTraffic.of(RECORDED), rewrite, true));

        assertThat(out.get(0).path()).isEqualTo("/v2/a");
        assertThat(out.get(0).endpoint()).isEqualTo("GET /v2/a");
        assertThat(out.get(3).path()).isEqualTo("/v2/a?x=1");
        assertThat(out.get(1).path()).isEqualTo("/b");
        assertThat(out.get(0).headers()).containsExactly(new Header("Accept", "*/*"), new Header("X-Replay", "shadowgate"));
    }
}
