package io.shadowgate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.traffic.Redactor;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer on its own, no sockets: arrival order, abandonment, giving up, dropping. */
class CaptureWriterTest {

    @TempDir
    Path tmp;

    private CaptureWriter writer(Path out, long bufferBytes, Duration reorderWait) throws IOException {
        RotatingTrafficWriter files = new RotatingTrafficWriter(out, 0, "test", TrafficHeader.Redaction.NONE,
                System.nanoTime(), Instant.now());
        return new CaptureWriter(files, Redactor.none(), 1024, bufferBytes, reorderWait);
    }

    private static Request record(String path) {
        return new Request(0, 0, "GET " + path, "GET", path, List.of(), new byte[0]);
    }

    @Test
    void exchangesFinishingInAnyOrderAreWrittenInArrivalOrder() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        CaptureWriter writer = writer(out, 1 << 20, Duration.ofSeconds(30));
        List<ArrivalOrder.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tickets.add(writer.begin());
        }
        Collections.shuffle(tickets, new Random(5));
        ExecutorService loops = Executors.newFixedThreadPool(3);
        for (ArrivalOrder.Ticket t : tickets) {
            loops.execute(() -> writer.submit(t, record("/r/" + t.seq())));
        }
        loops.shutdown();
        assertThat(loops.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        writer.close(Duration.ofSeconds(5));

        List<Request> records = Captures.read(out);
        assertThat(records).extracting(Request::path)
                .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "/r/" + i).toList());
        assertThat(records).extracting(Request::offsetMicros).isSorted();
        assertThat(writer.recorded()).isEqualTo(300);
    }

    @Test
    void anAbandonedExchangeNoLongerHoldsBackTheOnesAfterIt() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        CaptureWriter writer = writer(out, 1 << 20, Duration.ofSeconds(30));
        ArrivalOrder.Ticket first = writer.begin();
        ArrivalOrder.Ticket second = writer.begin();
        writer.submit(second, record("/second"));
        Thread.sleep(120);
        assertThat(writer.recorded()).as("waits for the first").isZero();

        writer.abandon(first);
        awaitRecorded(writer, 1);
        writer.close(Duration.ofSeconds(5));

        assertThat(Captures.read(out)).extracting(Request::path).containsExactly("/second");
        assertThat(writer.abandoned()).isEqualTo(1);
    }

    @Test
    void anExchangeThatTakesTooLongIsGivenUpAndCountedLate() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        CaptureWriter writer = writer(out, 1 << 20, Duration.ofMillis(100));
        ArrivalOrder.Ticket slow = writer.begin();
        ArrivalOrder.Ticket fast = writer.begin();
        writer.submit(fast, record("/fast"));
        awaitRecorded(writer, 1);

        writer.submit(slow, record("/slow"));
        writer.close(Duration.ofSeconds(5));

        assertThat(Captures.read(out)).extracting(Request::path).containsExactly("/fast");
        assertThat(writer.late()).isEqualTo(1);
    }

    @Test
    void aRecordBeyondTheBufferIsDroppedNotWaitedFor() throws Exception {
        Path out = tmp.resolve("c.jsonl");
        CaptureWriter writer = writer(out, 10, Duration.ofSeconds(30));
        writer.submit(writer.begin(), record("/dropped"));
        writer.close(Duration.ofSeconds(5));

        assertThat(writer.dropped()).isEqualTo(1);
        assertThat(Captures.read(out)).isEmpty();
    }

    private static void awaitRecorded(CaptureWriter writer, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.recorded() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.recorded()).isEqualTo(n);
    }
}
