package io.shadowgate.metrics;

import io.shadowgate.traffic.TrafficSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests, per endpoint, as they leave the traffic source: the "scheduled" side of
 * outcome accounting, kept apart from the outcomes so that the two can be checked against
 * each other. Counting happens on the scheduler thread; reading from any thread.
 */
public final class ScheduleCounter {

    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /** {@code source}, counting every request it yields. */
    public TrafficSource counting(TrafficSource source) {
        return source.map(request -> {
            total.increment();
            byEndpoint.computeIfAbsent(request.endpoint(), e -> new LongAdder()).increment();
            return request;
        });
    }

    /** Counts {@code n} requests of {@code endpoint} scheduled without passing through the stream (a stopped run's rest). */
    public void add(String endpoint, long n) {
        total.add(n);
        byEndpoint.computeIfAbsent(endpoint, e -> new LongAdder()).add(n);
    }

    public long total() {
        return total.sum();
    }

    public long endpoint(String endpoint) {
        LongAdder adder = byEndpoint.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    public Iterable<String> endpoints() {
        return byEndpoint.keySet();
    }
}
