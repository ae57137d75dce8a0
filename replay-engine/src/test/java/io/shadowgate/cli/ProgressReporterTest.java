package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.metrics.LiveFigures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The progress lines as pure functions of the figures; then the thread, with a short interval. */
class ProgressReporterTest {

    /** 12,000 requests over 30 s. */
    private static final RunPlan PLAN = new RunPlan(12_000, 30_000);

    private static LiveFigures figures(long elapsedMillis, long scheduled, LiveFigures.Target... targets) {
        return new LiveFigures(elapsedMillis, scheduled, List.of(targets));
    }

    private static final LiveFigures MIDWAY = figures(12_400, 5_040,
            new LiveFigures.Target("baseline", 5_040, 3, 5_037, 0, 12.34),
            new LiveFigures.Target("candidate", 5_040, 5, 5_035, 2, 0.456));

    @Test
    void aWideTerminalGetsTheBarAndEveryFigure() {
        assertThat(ProgressReporter.terminalLine(MIDWAY, PLAN, 200)).isEqualTo(
                "[########............]  42%  0:12 ETA 0:18  sent 5,040  baseline: 3 in flight, 0 err, p99 12.3 ms"
                        + "  candidate: 5 in flight, 2 err, p99 0.46 ms");
    }

    @Test
    void aNarrowerTerminalLosesTheBarFirstThenTheEndOfTheLine() {
        String full = ProgressReporter.terminalLine(MIDWAY, PLAN, 200);
        String tail = full.substring(full.indexOf(']') + 2);

        // Room for a shorter bar.
        assertThat(ProgressReporter.terminalLine(MIDWAY, PLAN, tail.length() + 14))
                .isEqualTo("[####......] " + tail);
        // No room for a bar worth showing.
        assertThat(ProgressReporter.terminalLine(MIDWAY, PLAN, tail.length() + 5)).isEqualTo(tail);
        // 80 columns: cut, never wrapped (the last column stays free).
        String cut = ProgressReporter.terminalLine(MIDWAY, PLAN, 80);
        assertThat(cut).hasSize(79).endsWith("...").startsWith(" 42%  0:12 ETA 0:18  sent 5,040  baseline: 3 in flight");
    }

    @Test
    void targetsThatWereNotAllSentTheSameShowTheirOwnSentCount() {
        LiveFigures f = figures(1_000, 10, new LiveFigures.Target("baseline", 10, 0, 10, 0, 1),
                new LiveFigures.Target("candidate", 8, 1, 7, 0, Double.NaN));

        assertThat(ProgressReporter.terminalLine(f, PLAN, 200)).endsWith(
                "ETA 0:29  baseline: 10 sent, 0 in flight, 0 err, p99 1.00 ms  candidate: 8 sent, 1 in flight, 0 err, p99 -");
    }

    @Test
    void thePlainLineHasEveryFigureInWords() {
        assertThat(ProgressReporter.plainLine(MIDWAY, PLAN)).isEqualTo(
                "progress  42% (5,040 of 12,000 requests), 0:12 elapsed, ETA 0:18"
                        + " | baseline: 5,040 sent, 3 in flight, 0 errors, p99 12.3 ms"
                        + " | candidate: 5,040 sent, 5 in flight, 2 errors, p99 0.46 ms");
    }

    @Test
    void theEndsOfTheRun() {
        // Before the first interval: nothing measured yet.
        assertThat(ProgressReporter.plainLine(figures(0, 0, new LiveFigures.Target("baseline", 0, 0, 0, 0, Double.NaN)),
                PLAN)).isEqualTo("progress   0% (0 of 12,000 requests), 0:00 elapsed, ETA 0:30"
                        + " | baseline: 0 sent, 0 in flight, 0 errors, p99 -");
        // The last second still counts as one; past the schedule's end, draining: 100 %, no time left, one error.
        assertThat(ProgressReporter.plainLine(figures(29_001, 11_990), PLAN)).endsWith(", 0:29 elapsed, ETA 0:01");
        assertThat(ProgressReporter.plainLine(figures(31_000, 12_000,
                new LiveFigures.Target("baseline", 12_000, 4, 11_996, 1, 250)), PLAN))
                .isEqualTo("progress 100% (12,000 of 12,000 requests), 0:31 elapsed, ETA 0:00"
                        + " | baseline: 12,000 sent, 4 in flight, 1 error, p99 250 ms");
        // An empty plan is done from the start; one request short of the plan is not 100 %.
        assertThat(ProgressReporter.plainLine(figures(0, 0), new RunPlan(0, 0))).startsWith("progress 100% ");
        assertThat(ProgressReporter.plainLine(figures(0, 11_999), PLAN)).startsWith("progress  99% ");
    }

    @Test
    void clocksAndMilliseconds() {
        assertThat(ProgressReporter.clock(0)).isEqualTo("0:00");
        assertThat(ProgressReporter.clock(59_999)).isEqualTo("0:59");
        assertThat(ProgressReporter.clock(61_000)).isEqualTo("1:01");
        assertThat(ProgressReporter.clock(3_723_000)).isEqualTo("1:02:03");
        assertThat(ProgressReporter.millis(0.0123)).isEqualTo("0.01 ms");
        assertThat(ProgressReporter.millis(99.94)).isEqualTo("99.9 ms");
        assertThat(ProgressReporter.millis(1234.5)).isEqualTo("1235 ms");
        assertThat(ProgressReporter.millis(Double.NaN)).isEqualTo("-");
    }

    @Test
    void anExportedColumnsIsTheWidthWhenItIsANumber() {
        assertThat(ProgressReporter.columns("132")).isEqualTo(132);
        assertThat(ProgressReporter.columns(null)).isNull();
        assertThat(ProgressReporter.columns("0")).isNull();
        assertThat(ProgressReporter.columns("wide")).isNull();
    }

    @Test
    void quietMeansNoThreadAndNoOutput() {
        StringWriter err = new StringWriter();
        AtomicInteger reads = new AtomicInteger();
        try (ProgressReporter progress = ProgressReporter.start(ProgressReporter.Style.OFF, new PrintWriter(err),
                () -> {
                    reads.incrementAndGet();
                    return MIDWAY;
                }, PLAN)) {
            assertThat(progress.isRunning()).isFalse();
        }
        assertThat(err.toString()).isEmpty();
        assertThat(reads).hasValue(0);
        assertThat(ProgressReporter.Style.detect(true)).isEqualTo(ProgressReporter.Style.OFF);
    }

    @Test
    void plainLinesComeEveryIntervalUntilClose() throws InterruptedException {
        StringWriter err = new StringWriter();
        AtomicInteger reads = new AtomicInteger();
        ProgressReporter progress = ProgressReporter.start(ProgressReporter.Style.PLAIN, new PrintWriter(err), () -> {
            reads.incrementAndGet();
            return MIDWAY;
        }, PLAN, 10, 0);
        assertThat(progress.isRunning()).isTrue();
        waitFor(() -> reads.get() >= 3);
        progress.close();
        int afterClose = reads.get();

        assertThat(progress.isRunning()).isFalse();
        Thread.sleep(50);
        assertThat(reads).hasValue(afterClose);
        String out = err.toString();
        assertThat(out.lines()).hasSize(afterClose).allMatch(l -> l.equals(ProgressReporter.plainLine(MIDWAY, PLAN)));
        assertThat(out).doesNotContain("\r");
        progress.close(); // twice is harmless
    }

    @Test
    void aTerminalLineIsRewrittenInPlaceAndEndedAtClose() throws InterruptedException {
        StringWriter err = new StringWriter();
        AtomicInteger reads = new AtomicInteger();
        LiveFigures longer = MIDWAY;
        LiveFigures shorter = figures(13_000, 5_100, new LiveFigures.Target("baseline", 5_100, 0, 5_100, 0, 1));
        ProgressReporter progress = ProgressReporter.start(ProgressReporter.Style.TERMINAL, new PrintWriter(err),
                () -> reads.incrementAndGet() < 3 ? longer : shorter, PLAN, 10, 200);
        waitFor(() -> reads.get() >= 4);
        progress.close();

        String out = err.toString();
        assertThat(out).startsWith("\r" + ProgressReporter.terminalLine(longer, PLAN, 200)).endsWith("\n");
        assertThat(out.chars().filter(c -> c == '\n')).hasSize(1);
        String[] frames = out.substring(1, out.length() - 1).split("\r");
        assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
        // A shorter line blanks what the longer one left behind.
        String firstShorter = frames[2];
        assertThat(firstShorter).hasSameSizeAs(frames[1]).startsWith(ProgressReporter.terminalLine(shorter, PLAN, 200));
        assertThat(firstShorter.strip()).isEqualTo(ProgressReporter.terminalLine(shorter, PLAN, 200));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
