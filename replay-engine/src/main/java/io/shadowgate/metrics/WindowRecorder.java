package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Splits a run into evaluation windows by each request's intended send time and keeps, per
 * window, what judging that window alone needs: each side's latency and outcome counts and a
 * bounded sample of its request pairs. A window is handed out by {@link #closeUpTo} once every
 * request intended in it must have ended, and then forgotten, so memory holds only the windows
 * still open (about timeout / window + 2 of them) however long the run.
 *
 * <p>By intended time, not arrival time: a request sent late or answered slowly still belongs to
 * the window the schedule put it in, so a slow candidate cannot push its slow answers into a
 * later window. Thread-safe: every method takes this object's lock, held for one histogram
 * record (tens of nanoseconds).
 */
public final class WindowRecorder implements OutcomeSink, PairListener {

    /** Pairs kept per window: 20,000 keeps a p99 over 200 pairs deep in its tail. */
    public static final int PAIRS_PER_WINDOW = 20_000;

    private final String baseline;
    private final String candidate;
    private final long windowNanos;
    private final long seed;
    private final TreeMap<Long, Slot> open = new TreeMap<>();
    /** Windows below this index are closed; their late outcomes are only counted. */
    private long closedBelow;
    private long late;

    public WindowRecorder(String baseline, String candidate, long windowNanos, long seed) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be positive, was " + windowNanos + " ns");
        }
        this.baseline = baseline;
        this.candidate = candidate;
        this.windowNanos = windowNanos;
        this.seed = seed;
    }

    /** How long each window lasts. */
    public long windowNanos() {
        return windowNanos;
    }

    @Override
    public synchronized void accept(Outcome outcome) {
        boolean isBaseline = outcome.target().equals(baseline);
        if (!isBaseline && !outcome.target().equals(candidate)) {
            return;
        }
        Slot slot = slot(outcome.intendedNanos());
        if (slot == null) {
            late++;
        } else {
            slot.record(isBaseline ? slot.baseline : slot.candidate, outcome);
        }
    }

    @Override
    public synchronized void pair(Outcome b, Outcome c) {
        Slot slot = slot(b.intendedNanos());
        if (slot != null) {
            slot.pairs.add(b.requestId(), b.latencyNanos() / 1_000.0, c.latencyNanos() / 1_000.0);
        }
    }

    /** The open window of {@code intendedNanos}, or null when that window has closed. */
    private Slot slot(long intendedNanos) {
        long index = Math.max(0, intendedNanos) / windowNanos;
        if (index < closedBelow) {
            return null;
        }
        return open.computeIfAbsent(index, i -> new Slot(new PairReservoir(PAIRS_PER_WINDOW, seed + i)));
    }

    /**
     * Closes, in order, every window that ended at least {@code settleNanos} before
     * {@code nowNanos} (both from the schedule's start): with {@code settleNanos} at least the
     * request timeout, every request intended in such a window has ended.
     */
    public synchronized List<WindowSample> closeUpTo(long nowNanos, long settleNanos) {
        long below = Math.max(closedBelow, Math.floorDiv(nowNanos - settleNanos, windowNanos));
        return closeBelow(below);
    }

    /** Closes every window still open; once the replay has returned, every outcome is in. */
    public synchronized List<WindowSample> closeAll() {
        return closeBelow(open.isEmpty() ? closedBelow : Math.max(closedBelow, open.lastKey() + 1));
    }

    private List<WindowSample> closeBelow(long below) {
        List<WindowSample> closed = new ArrayList<>();
        Iterator<Map.Entry<Long, Slot>> it = open.headMap(below).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Slot> e = it.next();
            long index = e.getKey();
            closed.add(e.getValue().sample((int) index, index * windowNanos, (index + 1) * windowNanos));
            it.remove();
        }
        closedBelow = Math.max(closedBelow, below);
        return closed;
    }

    /** Outcomes that arrived after their window had closed: none if the settling time was long enough. */
    public synchronized long late() {
        return late;
    }

    /** One open window: each side's latency and outcomes, and its pairs. Guarded by the recorder. */
    private static final class Slot {

        final Side baseline = new Side();
        final Side candidate = new Side();
        final PairReservoir pairs;

        Slot(PairReservoir pairs) {
            this.pairs = pairs;
        }

        void record(Side side, Outcome outcome) {
            side.counts.record(outcome);
            side.outcomes++;
            if (outcome.countsAsLatency()) {
                Histograms.record(side.latency, outcome.latencyNanos());
            }
        }

        WindowSample sample(int index, long start, long end) {
            return new WindowSample(index, start, end, baseline.latency, candidate.latency,
                    baseline.counts.snapshot(baseline.outcomes), candidate.counts.snapshot(candidate.outcomes),
                    pairs.snapshot());
        }
    }

    private static final class Side {
        final Histogram latency = Histograms.newHistogram();
        final OutcomeCounters counts = new OutcomeCounters();
        long outcomes;
    }
}
