package io.shadowgate.traffic;

import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.util.SplittableRandom;

/**
 * When the n-th request of a synthesized stream is due, as a pure function of what came
 * before: no clock, so it can be tested with tables and replayed exactly from a seed.
 * Single-threaded.
 */
public interface ArrivalProcess {

    /** Offset in microseconds of the next arrival after the one at {@code previousMicros} (index {@code index}). */
    long nextOffsetMicros(long index, long previousMicros);

    static ArrivalProcess of(Arrivals arrivals, double ratePerSecond, SplittableRandom random) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be greater than 0, was " + ratePerSecond);
        }
        return switch (arrivals) {
            case CONSTANT -> new Constant(ratePerSecond);
            case POISSON -> new Poisson(ratePerSecond, random);
        };
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
}
