package io.shadowgate.traffic;

import io.shadowgate.scenario.RateCurve;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A request stream generated from a {@link TrafficSpec}: arrivals from the arrival process
 * along the spec's rate curve, each request drawn from the weighted template mix, its session,
 * path, headers and body rendered from the template. The same spec and seed give the same
 * stream, request for request. Constant memory; single consumer.
 */
public final class SynthesizedTraffic implements TrafficSource {

    private final ArrivalProcess arrivals;
    private final long durationMicros;
    private final List<RequestGenerator> generators;
    private final double[] cumulativeWeights;
    // One stream per concern, so that changing a body template never moves an arrival, a mix
    // draw, a session or a path. New streams are split off after the older ones, so adding
    // them left the arrivals, mix and bodies of existing scenarios as they were.
    private final SplittableRandom mixRandom;
    private final SplittableRandom bodyRandom;
    private final SplittableRandom sessionRandom;
    private final SplittableRandom fieldRandom;

    private long nextIndex;
    private long nextOffset;

    public SynthesizedTraffic(TrafficSpec spec, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = ArrivalProcess.of(spec.arrivals(), spec.rateCurve(), root.split());
        this.mixRandom = root.split();
        this.bodyRandom = root.split();
        this.sessionRandom = root.split();
        this.fieldRandom = root.split();
        this.durationMicros = spec.duration().toNanos() / 1_000;
        this.generators = new ArrayList<>();
        this.cumulativeWeights = new double[spec.requests().size()];
        double sum = 0;
        for (int i = 0; i < spec.requests().size(); i++) {
            RequestTemplate template = spec.requests().get(i);
            generators.add(RequestGenerator.of(template));
            sum += template.weight();
            cumulativeWeights[i] = sum;
        }
        this.nextOffset = arrivals.nextOffsetMicros(0, 0);
    }

    /** How many requests a spec produces on average: the integral of its rate over the duration. */
    public static long expectedCount(TrafficSpec spec) {
        if (spec.rateCurve() instanceof RateCurve.Fixed) {
            return Math.round(spec.rate() * spec.duration().toNanos() / 1e9);
        }
        return Math.round(spec.rateCurve().countBy(spec.duration().toNanos() / 1e9));
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
        RequestGenerator generator = generators.get(pick(mixRandom.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1]));
        nextIndex++;
        nextOffset = arrivals.nextOffsetMicros(nextIndex, offset);
        return generator.request(id, offset, sessionRandom, fieldRandom, bodyRandom);
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
}
