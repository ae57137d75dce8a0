package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import java.util.concurrent.atomic.LongAdder;

/** Running outcome counts for one target or endpoint. Thread-safe; recording never blocks. */
public final class OutcomeCounters {

    private final LongAdder s2xx = new LongAdder();
    private final LongAdder s3xx = new LongAdder();
    private final LongAdder s4xx = new LongAdder();
    private final LongAdder s5xx = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder notSent = new LongAdder();

    public void record(Outcome outcome) {
        switch (outcome.kind()) {
            case RESPONSE -> byStatus(outcome.status()).increment();
            case TIMEOUT -> timeouts.increment();
            case CONNECTION_ERROR -> connectionErrors.increment();
            case NOT_SENT -> notSent.increment();
        }
    }

    /** Adds every outcome counted in {@code counts} (its {@code scheduled} aside). */
    public void add(OutcomeCounts counts) {
        s2xx.add(counts.status2xx());
        s3xx.add(counts.status3xx());
        s4xx.add(counts.status4xx());
        s5xx.add(counts.status5xx());
        timeouts.add(counts.timeouts());
        connectionErrors.add(counts.connectionErrors());
        notSent.add(counts.notSent());
    }

    /** Requests never sent because the run stopped, counted without reading them one by one. */
    void addNotSent(long n) {
        notSent.add(n);
    }

    private LongAdder byStatus(int status) {
        if (status >= 500) {
            return s5xx;
        } else if (status >= 400) {
            return s4xx;
        } else if (status >= 300) {
            return s3xx;
        } else if (status >= 200) {
            return s2xx;
        }
        return other;
    }

    /**
     * A snapshot against {@code scheduled}, which is counted independently where requests
     * leave the traffic source: if an outcome were lost or doubled, the counts would not add
     * up. Statuses below 200 never end an exchange normally; one that does is counted as 2xx.
     */
    public OutcomeCounts snapshot(long scheduled) {
        long c2 = s2xx.sum() + other.sum();
        long c3 = s3xx.sum();
        long c4 = s4xx.sum();
        long c5 = s5xx.sum();
        long t = timeouts.sum();
        long ce = connectionErrors.sum();
        long ns = notSent.sum();
        return new OutcomeCounts(scheduled, c2, c3, c4, c5, t, ce, ns);
    }
}
