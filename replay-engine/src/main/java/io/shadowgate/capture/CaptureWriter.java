package io.shadowgate.capture;

import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Redactor;
import io.shadowgate.traffic.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a capture: event loops hand it finished exchanges through a bounded
 * queue and never wait for it; its own thread redacts them and writes them in arrival order.
 * {@link #begin}, {@link #submit} and {@link #abandon} may be called from any thread and never
 * block; {@link #close} from one thread.
 *
 * <p>Order: a finished record waits until every exchange that arrived before it has finished
 * or been abandoned (see {@link ArrivalOrder}), so offsets never go back although exchanges
 * finish out of order. Waiting is bounded: when the oldest waiting record has waited
 * {@code reorderWait}, or too many records or bytes wait, the writer gives up on the earlier
 * exchanges still running; when they finish they are counted as late and not written.
 *
 * <p>Overload: when the queue or the byte budget is full the record is dropped and counted;
 * recording never slows forwarding.
 */
final class CaptureWriter {

    private static final Logger log = LoggerFactory.getLogger(CaptureWriter.class);
    private static final long POLL_MILLIS = 50;
    /** Rough per-record overhead beyond bodies and headers, for the byte budget. */
    private static final long RECORD_OVERHEAD_BYTES = 256;

    /** A finished exchange on its way to the file. */
    private record Finished(ArrivalOrder.Ticket ticket, Request request, long bytes, long finishedNanos) {
    }

    private final ArrivalOrder order = new ArrivalOrder();
    private final ArrayBlockingQueue<Finished> queue;
    private final PriorityQueue<Finished> waiting = new PriorityQueue<>(Comparator.comparingLong(f -> f.ticket().seq()));
    private final List<Finished> taken = new ArrayList<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final RotatingTrafficWriter files;
    private final Redactor redactor;
    private final int queueCapacity;
    private final long bufferBytes;
    private final long reorderWaitNanos;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long recorded;
    private volatile long late;
    private volatile List<Path> written;
    private volatile String failure;
    /** Writer thread only: the arrival number of the last record written. */
    private long lastWritten = -1;

    CaptureWriter(RotatingTrafficWriter files, Redactor redactor, int queueCapacity, long bufferBytes, Duration reorderWait) {
        this.files = files;
        this.redactor = redactor;
        this.queueCapacity = queueCapacity;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.bufferBytes = bufferBytes;
        this.reorderWaitNanos = reorderWait.toNanos();
        this.written = files.files();
        this.thread = new Thread(this::run, "shadowgate-capture-writer");
        // A daemon: close() waits for it (bounded); a bug here must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    /** A request to be recorded arrives now. */
    ArrivalOrder.Ticket begin() {
        return order.begin();
    }

    /** The exchange of {@code ticket} finished; {@code request} is its record (id and offset are set when written). */
    void submit(ArrivalOrder.Ticket ticket, Request request) {
        long bytes = sizeOf(request);
        boolean queued = false;
        if (!closing && failure == null && bufferedBytes.addAndGet(bytes) <= bufferBytes) {
            queued = queue.offer(new Finished(ticket, request, bytes, System.nanoTime()));
        }
        if (!queued) {
            bufferedBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
        }
        // Only now: the writer must never see this arrival ended before its record is in the queue.
        order.end(ticket);
    }

    /** The exchange of {@code ticket} ended without a whole response; nothing is recorded for it. */
    void abandon(ArrivalOrder.Ticket ticket) {
        abandoned.incrementAndGet();
        order.end(ticket);
    }

    long recorded() {
        return recorded;
    }

    long dropped() {
        return dropped.get();
    }

    long late() {
        return late;
    }

    long abandoned() {
        return abandoned.get();
    }

    List<Path> files() {
        return written;
    }

    /** Why writing failed, or null. */
    String failure() {
        return failure;
    }

    /**
     * Writes what is queued and waiting (exchanges still in flight are not waited for), closes
     * the file with its trailer, and waits at most {@code timeout} for all that.
     */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive() && failure == null) {
            failure = "the writer did not finish within " + timeout.toMillis() + " ms; the last file may lack its trailer";
        }
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                Finished first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    waiting.add(first);
                }
                writeReady();
                if (stuck()) {
                    order.giveUpBefore(waiting.peek().ticket().seq());
                    writeReady();
                }
            }
            // Closing: nothing more arrives; what waits goes out in order, in-flight exchanges are not waited for.
            writeUpTo(Long.MAX_VALUE);
            files.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IOException("interrupted"));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        written = files.files();
    }

    /** Writes every waiting record whose earlier arrivals have all ended. */
    private void writeReady() throws IOException {
        // The horizon first, then the queue: every arrival below the horizon had queued its record
        // before ending, so taking the queue after reading the horizon cannot miss one of them.
        long horizon = order.horizon();
        queue.drainTo(taken);
        waiting.addAll(taken);
        taken.clear();
        writeUpTo(horizon);
    }

    private void writeUpTo(long horizon) throws IOException {
        while (!waiting.isEmpty() && waiting.peek().ticket().seq() < horizon) {
            Finished f = waiting.poll();
            bufferedBytes.addAndGet(-f.bytes());
            if (f.ticket().seq() < lastWritten) {
                // Given up on earlier; writing it now would put its offset before the last one.
                late++;
                continue;
            }
            files.write(f.ticket().arrivalNanos(), redactor.redact(f.request()));
            lastWritten = f.ticket().seq();
            recorded = files.records();
            written = files.files();
        }
    }

    private boolean stuck() {
        if (waiting.isEmpty()) {
            return false;
        }
        return waiting.size() >= queueCapacity || bufferedBytes.get() > bufferBytes / 2
                || System.nanoTime() - waiting.peek().finishedNanos() > reorderWaitNanos;
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("capture writer stopped: {}", failure);
        }
        dropped.addAndGet(waiting.size() + queue.size());
        waiting.clear();
        queue.clear();
        try {
            files.close();
        } catch (IOException | RuntimeException ignored) {
            // The first failure is the one worth reporting.
        }
    }

    private static long sizeOf(Request r) {
        long bytes = RECORD_OVERHEAD_BYTES + r.path().length() + r.body().length + sizeOf(r.headers());
        if (r.recorded() != null) {
            bytes += r.recorded().body().length + sizeOf(r.recorded().headers());
        }
        return bytes;
    }

    private static long sizeOf(List<Header> headers) {
        long bytes = 0;
        for (Header h : headers) {
            bytes += h.name().length() + h.value().length() + 4;
        }
        return bytes;
    }
}
