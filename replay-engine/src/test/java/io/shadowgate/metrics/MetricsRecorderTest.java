package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.SynthesizedTraffic;
import io.shadowgate.traffic.TrafficSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recording without sockets: outcomes made by hand, counted against the schedule. */
class MetricsRecorderTest {

    private static final long MS = 1_000_000L;

    private static List<Request> schedule(ScheduleCounter counter, int n) {
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(n), 1, TrafficSpec.Arrivals.CONSTANT, List.of(
                new RequestTemplate("a", 1, "GET", "/a", Map.of(), null),
                new RequestTemplate("b", 1, "GET", "/b", Map.of(), null)));
        List<Request> out = new ArrayList<>();
        try (TrafficSource source = counter.counting(new SynthesizedTraffic(spec, 1))) {
            source.forEachRemaining(out::add);
        }
        return out;
    }

    private static Outcome outcome(Request r, String target, OutcomeKind kind, int status, long latencyMs) {
        long intended = r.offsetMicros() * 1_000;
        long sent = kind == OutcomeKind.NOT_SENT ? -1 : intended + MS / 10;
        long end = kind == OutcomeKind.NOT_SENT ? -1 : intended + latencyMs * MS;
        return new Outcome(r.id(), target, r.endpoint(), kind, status, intended, sent, end, ResponseContent.NONE);
    }

    @Test
    void everyKindOfOutcomeIsCountedAndTheCountsAddUp() {
        ScheduleCounter counter = new ScheduleCounter();
        List<Request> requests = schedule(counter, 100);
        MetricsRecorder recorder = new MetricsRecorder(List.of("baseline", "candidate"), counter, 60_000);
        OutcomeKind[] kinds = {OutcomeKind.RESPONSE, OutcomeKind.TIMEOUT, OutcomeKind.CONNECTION_ERROR, OutcomeKind.NOT_SENT};
        for (Request r : requests) {
            recorder.accept(outcome(r, "baseline", OutcomeKind.RESPONSE, 200, 10));
            OutcomeKind kind = kinds[(int) (r.id() % kinds.length)];
            recorder.accept(outcome(r, "candidate", kind, kind == OutcomeKind.RESPONSE ? 503 : 0, 20));
        }
        recorder.close();
        List<TargetSummary> summaries = recorder.summaries(Map.of("baseline", "http://b"));

        TargetSummary baseline = summaries.get(0);
        assertThat(baseline.address()).isEqualTo("http://b");
        assertThat(baseline.counts()).isEqualTo(new OutcomeCounts(100, 100, 0, 0, 0, 0, 0, 0));
        assertThat(baseline.latency().at(50)).isBetween(9.9, 10.1);
        assertThat(baseline.service().at(50)).isBetween(9.8, 10.0);
        assertThat(baseline.lateness().at(50)).isBetween(0.09, 0.11);
        TargetSummary candidate = summaries.get(1);
        assertThat(candidate.counts()).isEqualTo(new OutcomeCounts(100, 0, 0, 0, 25, 25, 25, 25));
        assertThat(candidate.counts().addsUp()).isTrue();
        assertThat(candidate.counts().errorRate()).isEqualTo(1.0);
        // Responses and timeouts (at the time waited) are in the latency distribution; only sent requests in lateness.
        assertThat(candidate.latency().count()).isEqualTo(50);
        assertThat(candidate.service().count()).isEqualTo(25);
        assertThat(candidate.lateness().count()).isEqualTo(75);
        assertThat(candidate.endpoints()).extracting(EndpointSummary::endpoint).containsExactly("a", "b");
        assertThat(candidate.endpoints()).allSatisfy(e -> assertThat(e.counts().addsUp()).isTrue());
        assertThat(candidate.series()).isNotEmpty();
        assertThat(candidate.series().stream().mapToLong(IntervalPoint::responses).sum()).isEqualTo(25);
        assertThat(candidate.series().stream().mapToLong(IntervalPoint::errors).sum()).isEqualTo(75);
    }

    @Test
    void aLostOutcomeShowsAsCountsThatDoNotAddUp() {
        ScheduleCounter counter = new ScheduleCounter();
        List<Request> requests = schedule(counter, 10);
        MetricsRecorder recorder = new MetricsRecorder(List.of("baseline", "candidate"), counter, 60_000);
        for (Request r : requests.subList(1, requests.size())) {
            recorder.accept(outcome(r, "baseline", OutcomeKind.RESPONSE, 200, 1));
        }
        recorder.close();
        TargetSummary baseline = recorder.summaries(Map.of()).get(0);

        assertThat(baseline.counts().scheduled()).isEqualTo(10);
        assertThat(baseline.counts().accounted()).isEqualTo(9);
        assertThat(baseline.counts().addsUp()).isFalse();
    }

    /**
     * Event loops record at once while the sampler closes an interval every millisecond: each
     * thread records into histograms of its own that the sampler swaps under it, and not one
     * value may be lost or counted twice, in the totals, the series, or per endpoint.
     */
    @Test
    void manyThreadsRecordingWhileIntervalsCloseLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        ScheduleCounter counter = new ScheduleCounter();
        List<Request> requests = schedule(counter, threads * perThread);
        MetricsRecorder recorder = new MetricsRecorder(List.of("baseline", "candidate"), counter, 1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Request> mine = requests.subList(t * perThread, (t + 1) * perThread);
            writers.add(new Thread(() -> {
                for (Request r : mine) {
                    recorder.accept(outcome(r, "baseline", OutcomeKind.RESPONSE, 200, 1 + r.id() % 50));
                    recorder.accept(outcome(r, "candidate", r.id() % 100 == 0 ? OutcomeKind.TIMEOUT : OutcomeKind.RESPONSE,
                            r.id() % 100 == 0 ? 0 : 200, 1 + r.id() % 50));
                }
            }, "writer-" + t));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
        recorder.close();
        List<TargetSummary> summaries = recorder.summaries(Map.of());

        long total = (long) threads * perThread;
        TargetSummary baseline = summaries.get(0);
        assertThat(baseline.counts().status2xx()).isEqualTo(total);
        assertThat(baseline.latency().count()).isEqualTo(total);
        assertThat(baseline.service().count()).isEqualTo(total);
        assertThat(baseline.lateness().count()).isEqualTo(total);
        assertThat(baseline.series().size()).as("intervals closed while recording").isGreaterThan(3);
        assertThat(baseline.series().stream().mapToLong(IntervalPoint::responses).sum()).isEqualTo(total);
        assertThat(baseline.endpoints()).extracting(EndpointSummary::endpoint).containsExactly("a", "b");
        assertThat(baseline.endpoints().stream().mapToLong(e -> e.latency().count()).sum()).isEqualTo(total);
        assertThat(baseline.endpoints()).allSatisfy(e -> {
            assertThat(e.latency().count()).isEqualTo(e.counts().status2xx()).isPositive();
            assertThat(e.counts().addsUp()).isTrue();
        });
        TargetSummary candidate = summaries.get(1);
        assertThat(candidate.counts().timeouts()).isEqualTo(total / 100);
        assertThat(candidate.latency().count()).isEqualTo(total);
        assertThat(candidate.service().count()).isEqualTo(total - total / 100);
        assertThat(candidate.series().stream().mapToLong(IntervalPoint::responses).sum()).isEqualTo(total - total / 100);
        assertThat(candidate.series().stream().mapToLong(IntervalPoint::errors).sum()).isEqualTo(total / 100);
        assertThat(recorder.latency("candidate", "a").getTotalCount()
                + recorder.latency("candidate", "b").getTotalCount()).isEqualTo(total);
    }
}
