package io.shadowgate.metrics;

import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * One writer thread's histograms of one target: what {@link TargetRecorder} records, in plain
 * HdrHistogram {@code Histogram}s only that thread writes. The sampler takes an interval by
 * swapping the two sets of interval histograms under a {@link WriterReaderPhaser}, as
 * HdrHistogram's {@code Recorder} does, so the writer never waits and never loses a value.
 *
 * <p>Why not five {@code Recorder}s, as before: a {@code Recorder} takes many writers, so each
 * of its records is its phaser's two atomic increments and its concurrent histogram's
 * (its own phaser, the count, the total): about six atomic operations, thirty a response
 * (OutcomeRecordingBenchmark: 111 ns a response; 40 ns now). Here a response costs the
 * phaser's two, whatever it records.
 *
 * <p>Per endpoint, latency and service time are kept whole, not per interval (nothing reads an
 * endpoint's interval): one histogram each, read once every outcome is in.
 */
final class WriterShard {

    /** The thread that records here; no other may. */
    final Thread owner;
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Interval active = new Interval();
    /** The interval the sampler read last; only the sampler touches it, under the phaser's reader lock. */
    private Interval inactive = new Interval();
    /** Written by the owner only; read by {@link #addEndpoints} once writing is over. */
    private final Map<String, Histogram[]> endpoints = new HashMap<>();

    WriterShard(Thread owner) {
        this.owner = owner;
    }

    /** Records {@code outcome}; from {@link #owner} only. */
    void record(Outcome outcome) {
        long phase = phaser.writerCriticalSectionEnter();
        try {
            Interval now = active;
            boolean response = outcome.kind() == OutcomeKind.RESPONSE;
            Histogram[] endpoint = endpoints.computeIfAbsent(outcome.endpoint(),
                    e -> new Histogram[] {Histograms.newHistogram(), Histograms.newHistogram()});
            if (outcome.countsAsLatency()) {
                Histograms.record(now.latency, outcome.latencyNanos());
                Histograms.record(endpoint[0], outcome.latencyNanos());
            }
            if (response) {
                Histograms.record(now.service, outcome.serviceNanos());
                Histograms.record(endpoint[1], outcome.serviceNanos());
                now.responses++;
            }
            if (outcome.wasSent()) {
                Histograms.record(now.lateness, outcome.latenessNanos());
            }
            if (outcome.isError()) {
                now.errors++;
            }
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Ends this shard's interval and adds what it recorded to {@code into}; the shard goes on
     * recording into a fresh one meanwhile. One thread at a time (the sampler).
     */
    void drainInto(Interval into) {
        phaser.readerLock();
        try {
            inactive.reset();
            Interval ended = active;
            active = inactive;
            inactive = ended;
            phaser.flipPhase();
            into.add(ended);
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * Adds this shard's per-endpoint latency and service histograms to {@code into}, by endpoint;
     * once every outcome is in (what the owner wrote before then is then visible: the flip waits
     * for any write in progress and publishes it).
     */
    void addEndpoints(Map<String, Histogram[]> into) {
        phaser.readerLock();
        try {
            phaser.flipPhase();
            endpoints.forEach((name, h) -> {
                Histogram[] sum = into.computeIfAbsent(name,
                        e -> new Histogram[] {Histograms.newHistogram(), Histograms.newHistogram()});
                sum[0].add(h[0]);
                sum[1].add(h[1]);
            });
        } finally {
            phaser.readerUnlock();
        }
    }

    /** One interval of a target: latency from the intended start, service time, lateness, and counts. */
    static final class Interval {

        final Histogram latency = Histograms.newHistogram();
        final Histogram service = Histograms.newHistogram();
        final Histogram lateness = Histograms.newHistogram();
        long responses;
        long errors;

        void add(Interval other) {
            latency.add(other.latency);
            service.add(other.service);
            lateness.add(other.lateness);
            responses += other.responses;
            errors += other.errors;
        }

        void reset() {
            latency.reset();
            service.reset();
            lateness.reset();
            responses = 0;
            errors = 0;
        }
    }
}
