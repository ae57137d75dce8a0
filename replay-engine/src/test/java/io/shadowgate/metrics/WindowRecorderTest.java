package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.replay.OutcomeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowRecorderTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static Outcome outcome(long id, String target, OutcomeKind kind, int status, long intended, long latency) {
        return new Outcome(id, target, "predict", kind, status, intended, intended, intended + latency, ResponseContent.NONE);
    }

    /** Both sides answer request {@code id}, and the pair is told, as PairedLatencyRecorder does. */
    private static void answer(WindowRecorder w, long id, long intended, long baselineLatency, long candidateLatency) {
        Outcome b = outcome(id, "baseline", OutcomeKind.RESPONSE, 200, intended, baselineLatency);
        Outcome c = outcome(id, "candidate", OutcomeKind.RESPONSE, 200, intended, candidateLatency);
        w.accept(b);
        w.accept(c);
        w.pair(b, c);
    }

    @Test
    void outcomesGoToTheWindowOfTheirIntendedTimeNotOfTheirArrival() {
        WindowRecorder w = new WindowRecorder("baseline", "candidate", 10 * S, 1);
        answer(w, 1, 9_900 * MS, 5 * MS, 800 * MS);   // intended in window 0, answered in window 1
        answer(w, 2, 10_100 * MS, 5 * MS, 6 * MS);

        List<WindowSample> closed = w.closeAll();

        assertThat(closed).extracting(WindowSample::index).containsExactly(0, 1);
        assertThat(closed.get(0).candidateLatency().getMaxValue()).isBetween(799_000L, 801_000L);
        assertThat(closed.get(0).pairs().size()).isEqualTo(1);
        assertThat(closed.get(1).startNanos()).isEqualTo(10 * S);
        assertThat(closed.get(1).endNanos()).isEqualTo(20 * S);
    }

    @Test
    void aWindowClosesOnlyOnceItsRequestsHaveSettled() {
        WindowRecorder w = new WindowRecorder("baseline", "candidate", 10 * S, 1);
        answer(w, 1, 2 * S, 5 * MS, 5 * MS);
        answer(w, 2, 12 * S, 5 * MS, 5 * MS);

        // 13 s in, with requests settling within 3 s: window 0-10 s has settled, 10-20 s has not.
        assertThat(w.closeUpTo(13 * S, 3 * S)).extracting(WindowSample::index).containsExactly(0);
        assertThat(w.closeUpTo(14 * S, 3 * S)).isEmpty();
        // An outcome for the closed window is too late for it; it is counted, not misfiled.
        answer(w, 3, 3 * S, 5 * MS, 5 * MS);
        assertThat(w.late()).isEqualTo(2);
        assertThat(w.closeAll()).extracting(WindowSample::index).containsExactly(1);
        assertThat(w.closeAll()).isEmpty();
    }

    @Test
    void eachWindowsCountsAddUpToTheOutcomesItSawAndTimeoutsCountAsLatency() {
        WindowRecorder w = new WindowRecorder("baseline", "candidate", S, 1);
        w.accept(outcome(1, "baseline", OutcomeKind.RESPONSE, 200, 0, 4 * MS));
        w.accept(outcome(1, "candidate", OutcomeKind.TIMEOUT, 0, 0, 2_000 * MS));
        w.accept(outcome(2, "baseline", OutcomeKind.RESPONSE, 503, 100 * MS, 4 * MS));
        w.accept(outcome(2, "candidate", OutcomeKind.CONNECTION_ERROR, 0, 100 * MS, 1 * MS));
        w.accept(outcome(3, "replica", OutcomeKind.RESPONSE, 200, 100 * MS, 1 * MS));

        WindowSample only = w.closeAll().get(0);

        assertThat(only.baseline().scheduled()).isEqualTo(2);
        assertThat(only.baseline().status5xx()).isEqualTo(1);
        assertThat(only.candidate().timeouts()).isEqualTo(1);
        assertThat(only.candidate().connectionErrors()).isEqualTo(1);
        assertThat(only.baseline().addsUp()).isTrue();
        assertThat(only.candidate().addsUp()).isTrue();
        // The timeout is a latency at the time waited; the connection error is not a latency.
        assertThat(only.candidateLatency().getTotalCount()).isEqualTo(1);
        assertThat(only.candidateLatency().getMaxValue()).isGreaterThanOrEqualTo(1_999_000L);
    }

    @Test
    void aWindowKeepsABoundedSampleOfItsPairs() {
        WindowRecorder w = new WindowRecorder("baseline", "candidate", 10 * S, 1);
        int n = WindowRecorder.PAIRS_PER_WINDOW + 500;
        for (int i = 0; i < n; i++) {
            answer(w, i, i * 1_000L, MS, 2 * MS);
        }
        PairedLatencies pairs = w.closeAll().get(0).pairs();
        assertThat(pairs.size()).isEqualTo(WindowRecorder.PAIRS_PER_WINDOW);
        assertThat(pairs.seen()).isEqualTo(n);
    }
}
