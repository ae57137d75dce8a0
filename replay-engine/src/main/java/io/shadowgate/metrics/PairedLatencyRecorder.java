package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.OutcomeSink;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairs the baseline's and the candidate's outcome of each request and keeps a bounded,
 * uniform sample of the pairs where both answered (see {@link PairedLatencies}). A request's
 * first outcome waits in a map until its second arrives, so memory is bounded by the requests
 * in flight plus the reservoir. Any thread may call {@link #accept}; the reservoir itself is
 * guarded by a short lock (one pair per request, far below the recorders' rate of contention).
 */
public final class PairedLatencyRecorder implements OutcomeSink {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final String baseline;
    private final String candidate;
    private final ConcurrentHashMap<Long, Outcome> waiting = new ConcurrentHashMap<>();
    private final double[] baselineMicros;
    private final double[] candidateMicros;
    private final SplittableRandom random;
    private int size;
    private long seen;

    public PairedLatencyRecorder(String baseline, String candidate, int capacity, long seed) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.baselineMicros = new double[capacity];
        this.candidateMicros = new double[capacity];
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void accept(Outcome outcome) {
        if (!outcome.target().equals(baseline) && !outcome.target().equals(candidate)) {
            return;
        }
        Outcome other = waiting.remove(outcome.requestId());
        if (other == null) {
            other = waiting.putIfAbsent(outcome.requestId(), outcome);
            if (other == null) {
                return;
            }
            waiting.remove(outcome.requestId());
        }
        Outcome b = outcome.target().equals(baseline) ? outcome : other;
        Outcome c = outcome.target().equals(baseline) ? other : outcome;
        if (b.kind() == OutcomeKind.RESPONSE && c.kind() == OutcomeKind.RESPONSE) {
            add(b.latencyNanos() / 1_000.0, c.latencyNanos() / 1_000.0);
        }
    }

    private synchronized void add(double b, double c) {
        seen++;
        int slot;
        if (size < baselineMicros.length) {
            slot = size++;
        } else {
            long j = random.nextLong(seen);
            if (j >= baselineMicros.length) {
                return;
            }
            slot = (int) j;
        }
        baselineMicros[slot] = b;
        candidateMicros[slot] = c;
    }

    /** A copy of the sample as it stands; call once every outcome is in. */
    public synchronized PairedLatencies snapshot() {
        return new PairedLatencies(baselineMicros.clone(), candidateMicros.clone(), size, seen);
    }
}
