package io.shadowgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .hlog} files round-trip through HdrHistogram's own reader, and the live figures add up. */
class IntervalLogTest {

    private static final long MS = 1_000_000L;
    private static final List<String> ROLES = List.of("baseline", "candidate");

    @TempDir
    Path dir;

    private static Outcome outcome(long id, String target, OutcomeKind kind, int status, long latencyMicros) {
        long intended = id * MS;
        boolean sent = kind != OutcomeKind.NOT_SENT;
        return new Outcome(id, target, "a", kind, status, intended, sent ? intended + MS / 10 : -1,
                sent ? intended + latencyMicros * 1_000 : -1, ResponseContent.NONE);
    }

    /** Everything one interval log holds: its histograms in order, and its start time. */
    private record ReadBack(List<Histogram> intervals, double startTimeSec) {
        Histogram sum() {
            Histogram sum = Histograms.newHistogram();
            intervals.forEach(sum::add);
            return sum;
        }
    }

    private static ReadBack read(Path file) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                intervals.add((Histogram) h);
            }
            return new ReadBack(intervals, reader.getStartTimeSec());
        }
    }

    @Test
    void everyIntervalIncludingTheLastIsReadBackByHdrHistogramsReader() throws Exception {
        ScheduleCounter counter = new ScheduleCounter();
        long before = System.currentTimeMillis();
        MetricsRecorder recorder = MetricsRecorder.withIntervalLogs(ROLES, counter, 20, dir);
        // Three batches a few intervals apart; the last goes in just before close, so only the
        // final sample that close() takes can carry it to the file.
        long id = 0;
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 1; i <= 500; i++) {
                long micros = batch * 10_000L + i * 37L;
                recorder.accept(outcome(id, "baseline", OutcomeKind.RESPONSE, 200, micros));
                recorder.accept(outcome(id, "candidate", i % 10 == 0 ? OutcomeKind.TIMEOUT : OutcomeKind.RESPONSE, 200,
                        micros * 2));
                recorder.accept(outcome(id, "candidate", OutcomeKind.CONNECTION_ERROR, 0, 5)); // not a latency
                id++;
            }
            if (batch < 2) {
                Thread.sleep(80);
            }
        }
        recorder.accept(outcome(id, "baseline", OutcomeKind.RESPONSE, 200, 2_000_000)); // 2 s: the max, last of all
        recorder.close();

        assertThat(recorder.intervalLogs()).containsExactly(dir.resolve("baseline.hlog"), dir.resolve("candidate.hlog"));
        assertThat(recorder.intervalLogProblems()).isEmpty();
        for (String role : ROLES) {
            ReadBack log = read(dir.resolve(role + ".hlog"));
            Histogram total = recorder.latency(role);
            Histogram sum = log.sum();
            assertThat(log.intervals()).as(role).hasSizeGreaterThanOrEqualTo(3);
            assertThat(sum.getTotalCount()).as(role).isEqualTo(total.getTotalCount())
                    .isEqualTo(role.equals("baseline") ? 1_501 : 1_500);
            for (double p : new double[] {50, 90, 99, 99.9, 100}) {
                assertThat(sum.getValueAtPercentile(p)).as(role + " p" + p).isEqualTo(total.getValueAtPercentile(p));
            }
            assertThat(sum).as(role).isEqualTo(total);
            assertThat(log.startTimeSec()).isBetween(before / 1_000.0 - 1, System.currentTimeMillis() / 1_000.0);
            // Intervals follow one another without gaps or overlaps (to the log's millisecond, read back as doubles).
            for (int i = 1; i < log.intervals().size(); i++) {
                assertThat(log.intervals().get(i).getStartTimeStamp())
                        .isCloseTo(log.intervals().get(i - 1).getEndTimeStamp(), within(1L));
            }
        }
        Histogram baselineLast = read(dir.resolve("baseline.hlog")).intervals().stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(baselineLast.getMaxValue()).isEqualTo(Histograms.newHistogram().highestEquivalentValue(2_000_000));
    }

    @Test
    void theHeaderSaysWhatTheValuesAre() throws Exception {
        MetricsRecorder recorder = MetricsRecorder.withIntervalLogs(ROLES, new ScheduleCounter(), 60_000, dir);
        recorder.close();

        List<String> lines = Files.readAllLines(dir.resolve("candidate.hlog"));
        assertThat(lines.get(0)).startsWith("#[shadowgate candidate: latency from the intended send").contains("microseconds");
        assertThat(lines).anyMatch(l -> l.startsWith("#[Histogram log format version "))
                .anyMatch(l -> l.startsWith("#[StartTime: "))
                .anyMatch(l -> l.startsWith("#[BaseTime: "))
                .anyMatch(l -> l.startsWith("\"StartTimestamp\""));
        // The one interval close() took, empty.
        assertThat(read(dir.resolve("candidate.hlog")).intervals()).singleElement()
                .satisfies(h -> assertThat(h.getTotalCount()).isZero());
    }

    @Test
    void aDirectoryThatCannotHoldTheLogsFailsAtTheStartAndLeavesNothingOpen() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> MetricsRecorder.withIntervalLogs(ROLES, new ScheduleCounter(), 1_000, notADir))
                .isInstanceOf(IOException.class).hasMessageContaining("baseline.hlog");
    }

    @Test
    void liveFiguresCountSentInFlightCompletedAndErrorsPerTarget() {
        ScheduleCounter counter = new ScheduleCounter();
        counter.add("a", 10);
        MetricsRecorder recorder = new MetricsRecorder(ROLES, counter, 60_000);
        for (long id = 0; id < 6; id++) {
            recorder.accept(outcome(id, "baseline", OutcomeKind.RESPONSE, 200, 1_000));
        }
        recorder.accept(outcome(0, "candidate", OutcomeKind.RESPONSE, 503, 1_000));
        recorder.accept(outcome(1, "candidate", OutcomeKind.TIMEOUT, 0, 1_000));
        recorder.accept(outcome(2, "candidate", OutcomeKind.NOT_SENT, 0, 0));

        LiveFigures before = recorder.live();
        assertThat(before.scheduled()).isEqualTo(10);
        assertThat(before.targets()).containsExactly(
                new LiveFigures.Target("baseline", 10, 4, 6, 0, Double.NaN),
                new LiveFigures.Target("candidate", 9, 7, 2, 2, Double.NaN));

        recorder.close(); // closes an interval: the p99 over it is now known
        LiveFigures after = recorder.live();
        assertThat(after.targets().get(0).p99Millis()).isBetween(0.99, 1.01);
        assertThat(after.elapsedMillis()).isGreaterThanOrEqualTo(before.elapsedMillis());
    }
}
