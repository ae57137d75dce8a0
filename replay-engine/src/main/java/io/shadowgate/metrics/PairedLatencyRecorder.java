package io.shadowgate.metrics;

import io.netty.util.collection.LongObjectHashMap;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeSink;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs the baseline's and the candidate's outcome of each request and keeps a bounded,
 * uniform sample of the pairs where both answered (see {@link PairedLatencies}), over all
 * endpoints and per endpoint: the pairs whose request ids hash smallest under the seed
 * ({@link PairReservoir}), so the sample does not depend on arrival order or on sharding. A request's
 * first outcome waits in a map until its second arrives, so memory is bounded by the requests
 * in flight plus the reservoir. Any thread may call {@link #accept}; short locks guard the waiting
 * outcomes (one per stripe of ids) and the reservoirs (one pair per request).
 */
public final class PairedLatencyRecorder implements OutcomeSink {

    public static final int DEFAULT_CAPACITY = 100_000;
    /** Stripes of the waiting outcomes, a power of two: consecutive ids fall in different ones. */
    private static final int STRIPES = 64;

    private final String baseline;
    private final String candidate;
    /**
     * First outcomes waiting for their second, by request id, in stripes by the id's low bits,
     * each guarded by itself. Primitive-keyed maps: a concurrent map of boxed ids cost a node and
     * a {@code Long} per outcome besides its locks, and this class was the largest piece of
     * Shadowgate's own code in the event loop at saturation. Striped, because one lock for every
     * outcome made two event loops pairing at once wait on each other (OutcomePairingBenchmark:
     * 500 ns a pair with two threads, against 190 with the concurrent map).
     */
    @SuppressWarnings("unchecked")
    private final LongObjectHashMap<Outcome>[] waiting = new LongObjectHashMap[STRIPES];
    private final int capacity;
    private final long seed;
    private final PairListener listener;
    private final PairReservoir all;
    private final Map<String, PairReservoir> byEndpoint = new TreeMap<>();
    /**
     * The one endpoint every pair so far came from, or null (none yet, or several). Its own
     * reservoir would have been fed exactly what {@link #all} was, and so be in the same state:
     * it is not kept, and {@code all} stands for it until another endpoint's pair arrives; a
     * copy of {@code all} then becomes it. Most model APIs have one endpoint, and keeping both
     * reservoirs was 1.7 % of the event loop at saturation.
     */
    private String soleEndpoint;

    public PairedLatencyRecorder(String baseline, String candidate, int capacity, long seed) {
        this(baseline, candidate, capacity, seed, PairListener.NONE);
    }

    /** As above, also telling {@code listener} of every pair where both sides waited (see {@link Outcome#countsAsLatency}). */
    public PairedLatencyRecorder(String baseline, String candidate, int capacity, long seed, PairListener listener) {
        this.listener = listener;
        this.baseline = baseline;
        this.candidate = candidate;
        this.capacity = capacity;
        this.seed = seed;
        this.all = new PairReservoir(capacity, seed);
        for (int i = 0; i < STRIPES; i++) {
            waiting[i] = new LongObjectHashMap<>();
        }
    }

    @Override
    public void accept(Outcome outcome) {
        if (!outcome.target().equals(baseline) && !outcome.target().equals(candidate)) {
            return;
        }
        long id = outcome.requestId();
        LongObjectHashMap<Outcome> stripe = waiting[(int) id & (STRIPES - 1)];
        Outcome other;
        synchronized (stripe) {
            other = stripe.remove(id);
            if (other == null) {
                stripe.put(id, outcome);
                return;
            }
        }
        Outcome b = outcome.target().equals(baseline) ? outcome : other;
        Outcome c = outcome.target().equals(baseline) ? other : outcome;
        // Timeouts count at the time waited (censored), as in the latency histograms.
        if (b.countsAsLatency() && c.countsAsLatency()) {
            add(b.endpoint(), b.requestId(), b.latencyNanos() / 1_000.0, c.latencyNanos() / 1_000.0);
            listener.pair(b, c);
        }
    }

    private synchronized void add(String endpoint, long id, double b, double c) {
        if (soleEndpoint != null && !soleEndpoint.equals(endpoint)) {
            byEndpoint.put(soleEndpoint, all.copy());
            soleEndpoint = null;
        }
        all.add(id, b, c);
        if (byEndpoint.isEmpty()) {
            soleEndpoint = endpoint;
        } else {
            byEndpoint.computeIfAbsent(endpoint, e -> new PairReservoir(capacity, seed)).add(id, b, c);
        }
    }

    /** A copy of the sample over all endpoints as it stands; call once every outcome is in. */
    public synchronized PairedLatencies snapshot() {
        return all.snapshot();
    }

    /** The sample over all endpoints with request ids, for a shard's result. */
    public synchronized PairSample sample() {
        return all.sample();
    }

    /** Each endpoint's sample with request ids, by endpoint name. */
    public synchronized Map<String, PairSample> samplesByEndpoint() {
        if (soleEndpoint != null) {
            return new TreeMap<>(Map.of(soleEndpoint, all.sample()));
        }
        Map<String, PairSample> out = new TreeMap<>();
        byEndpoint.forEach((endpoint, reservoir) -> out.put(endpoint, reservoir.sample()));
        return out;
    }

    /** The sample of one endpoint, empty if it had no answered pair. */
    public synchronized PairedLatencies snapshot(String endpoint) {
        PairReservoir reservoir = endpoint.equals(soleEndpoint) ? all : byEndpoint.get(endpoint);
        return reservoir == null ? PairedLatencies.EMPTY : reservoir.snapshot();
    }
}
