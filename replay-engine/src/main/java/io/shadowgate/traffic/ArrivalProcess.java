package io.shadowgate.traffic;

import io.shadowgate.scenario.RateCurve;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.util.SplittableRandom;

/**
 * When the n-th request of a synthesized stream is due, as a pure function of what came
 * before: no clock, so it can be tested with tables and replayed exactly from a seed. The rate
 * curve says how much load to offer; this turns it into instants. Single-threaded.
 */
public interface ArrivalProcess {

    /** The offset of an arrival the curve never reaches (its rate falls to 0 for good). */
    long NEVER = Long.MAX_VALUE;

    /** Offset in microseconds of the next arrival after the one at {@code previousMicros} (index {@code index}). */
    long nextOffsetMicros(long index, long previousMicros);

    /**
     * The process for {@code arrivals} along {@code curve}. A fixed rate keeps its own
     * classes: they are the hot path the pacing benchmark measures, and they keep the streams
     * fixed-rate scenarios have always produced.
     */
    static ArrivalProcess of(Arrivals arrivals, RateCurve curve, SplittableRandom random) {
        if (curve instanceof RateCurve.Fixed fixed) {
            return of(arrivals, fixed.perSecond(), random);
        }
        return switch (arrivals) {
            case CONSTANT -> new Paced(curve);
            case POISSON -> new Rescaled(curve, random);
        };
    }

    static ArrivalProcess of(Arrivals arrivals, double ratePerSecond, SplittableRandom random) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be greater than 0, was " + ratePerSecond);
        }
        return switch (arrivals) {
            case CONSTANT -> new Constant(ratePerSecond);
            case POISSON -> new Poisson(ratePerSecond, random);
        };
    }

    /** Seconds from the curve to the microseconds offsets are kept in; +∞ becomes {@link #NEVER}. */
    static long micros(double seconds) {
        return seconds * 1e6 < NEVER ? Math.round(seconds * 1e6) : NEVER;
    }

    /**
     * Evenly spaced. Offsets are computed from the index, not by adding gaps, so rounding
     * never accumulates into drift over millions of requests.
     */
    record Constant(double ratePerSecond) implements ArrivalProcess {
        @Override
        public long nextOffsetMicros(long index, long previousMicros) {
            return Math.round(index * 1_000_000.0 / ratePerSecond);
        }
    }

    /** Exponential gaps with mean 1/rate: independent users arriving at random. */
    final class Poisson implements ArrivalProcess {
        private final double meanGapMicros;
        private final SplittableRandom random;
        private double exactMicros;

        Poisson(double ratePerSecond, SplittableRandom random) {
            this.meanGapMicros = 1_000_000.0 / ratePerSecond;
            this.random = random;
        }

        @Override
        public long nextOffsetMicros(long index, long previousMicros) {
            if (index > 0) {
                // Keep the exact sum and round once, so the mean rate holds to the last request.
                exactMicros += -meanGapMicros * Math.log(1.0 - random.nextDouble());
            }
            return Math.round(exactMicros);
        }
    }

    /**
     * Deterministic along a varying rate: arrival n is where the expected count passes n, so
     * the gaps follow the instantaneous rate and the number of arrivals in a run is the
     * integral of the rate (rounded up). Like {@link Constant}, from the index alone.
     */
    record Paced(RateCurve curve) implements ArrivalProcess {
        @Override
        public long nextOffsetMicros(long index, long previousMicros) {
            return micros(curve.secondsToCount(index));
        }
    }

    /**
     * A non-homogeneous Poisson process by time rescaling: a unit-rate Poisson process runs in
     * "expected count" time (exponential gaps of mean 1) and each of its points is mapped back
     * to clock time through the inverse of the curve's integral. Where the rate is high, a
     * unit of count passes quickly, so arrivals crowd; where it is 0, none land. One draw per
     * arrival, like {@link Poisson}, which it reproduces at a fixed rate (to the microsecond).
     */
    final class Rescaled implements ArrivalProcess {
        private final RateCurve curve;
        private final SplittableRandom random;
        private double count;

        Rescaled(RateCurve curve, SplittableRandom random) {
            this.curve = curve;
            this.random = random;
        }

        @Override
        public long nextOffsetMicros(long index, long previousMicros) {
            if (index > 0) {
                count += -Math.log(1.0 - random.nextDouble());
            }
            return micros(curve.secondsToCount(count));
        }
    }
}
