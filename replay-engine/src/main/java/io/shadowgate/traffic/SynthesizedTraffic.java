package io.shadowgate.traffic;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A request stream generated from a {@link TrafficSpec}: arrivals from the arrival process,
 * each request drawn from the weighted template mix, bodies rendered from their templates.
 * The same spec and seed give the same stream, request for request. Constant memory;
 * single consumer.
 */
public final class SynthesizedTraffic implements TrafficSource {

    private final ArrivalProcess arrivals;
    private final long durationMicros;
    private final List<CompiledTemplate> templates;
    private final double[] cumulativeWeights;
    // Separate streams, so that changing a body template never moves an arrival.
    private final SplittableRandom mixRandom;
    private final SplittableRandom bodyRandom;

    private long nextIndex;
    private long nextOffset;

    public SynthesizedTraffic(TrafficSpec spec, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = ArrivalProcess.of(spec.arrivals(), spec.rate(), root.split());
        this.mixRandom = root.split();
        this.bodyRandom = root.split();
        this.durationMicros = spec.duration().toNanos() / 1_000;
        this.templates = new ArrayList<>();
        this.cumulativeWeights = new double[spec.requests().size()];
        double sum = 0;
        for (int i = 0; i < spec.requests().size(); i++) {
            RequestTemplate template = spec.requests().get(i);
            templates.add(CompiledTemplate.of(template));
            sum += template.weight();
            cumulativeWeights[i] = sum;
        }
        this.nextOffset = arrivals.nextOffsetMicros(0, 0);
    }

    /** How many requests a spec produces on average: rate × duration. */
    public static long expectedCount(TrafficSpec spec) {
        return Math.round(spec.rate() * spec.duration().toNanos() / 1e9);
    }

    @Override
    public boolean hasNext() {
        return nextOffset < durationMicros;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long id = nextIndex;
        long offset = nextOffset;
        CompiledTemplate template = templates.get(pick(mixRandom.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1]));
        nextIndex++;
        nextOffset = arrivals.nextOffsetMicros(nextIndex, offset);
        return template.request(id, offset, bodyRandom);
    }

    private int pick(double point) {
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (point < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    @Override
    public void close() {
        // Nothing to release: the stream is computed.
    }

    /** A template with its body parsed and its headers fixed once. */
    private record CompiledTemplate(String endpoint, String method, String path, List<Header> headers, BodyTemplate body) {

        static CompiledTemplate of(RequestTemplate t) {
            List<Header> headers = new ArrayList<>();
            for (Map.Entry<String, String> e : t.headers().entrySet()) {
                headers.add(new Header(e.getKey(), e.getValue()));
            }
            BodyTemplate body;
            try {
                body = t.body() == null ? null : BodyTemplate.parse(t.body());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("request '" + t.name() + "': " + e.getMessage(), e);
            }
            return new CompiledTemplate(t.name(), t.method(), t.path(), List.copyOf(headers), body);
        }

        Request request(long id, long offsetMicros, SplittableRandom random) {
            byte[] bytes = body == null ? new byte[0] : body.render(id, random);
            return new Request(id, offsetMicros, endpoint, method, path, headers, bytes);
        }
    }
}
