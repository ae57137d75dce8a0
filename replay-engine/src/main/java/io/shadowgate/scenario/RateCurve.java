package io.shadowgate.scenario;

import java.time.Duration;

/**
 * The offered load as a pure function of elapsed time: how many requests per second a
 * synthesized stream asks for at each instant, not when each request arrives (that is the
 * arrival process's job). Each shape knows its rate, its integral (the expected number of
 * arrivals so far) and that integral's inverse, so that pacing needs no clock and no state.
 * Times are seconds from the stream's start. Immutable and thread-safe.
 */
public sealed interface RateCurve permits RateCurve.Fixed, RateCurve.Ramp, RateSteps, DiurnalRate {

    /** Requests per second at {@code seconds}; never negative. */
    double rateAt(double seconds);

    /** Expected arrivals in [0, seconds]: the integral of {@link #rateAt}. */
    double countBy(double seconds);

    /**
     * The instant where {@link #countBy} passes {@code count}: the earliest time after which
     * more than {@code count} arrivals are expected, or +∞ if that never happens. Idle
     * stretches (rate 0) are skipped over, so an arrival never lands inside one.
     */
    double secondsToCount(double count);

    /**
     * This curve for the same run at another length ({@code --duration}). Only a ramp that
     * spans the whole run changes, because "from → to over the run" is what it means; steps
     * and cycles are in absolute time and keep their instants.
     */
    default RateCurve forRun(Duration oldDuration, Duration newDuration) {
        return this;
    }

    /** Mean requests per second over a run of {@code duration}. */
    default double meanRate(Duration duration) {
        double seconds = seconds(duration);
        return countBy(seconds) / seconds;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Rates are checked at load with located messages; this only guards programmatic misuse. */
    static double requireRate(String what, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be a number of at least 0, was " + value);
        }
        return value;
    }

    /**
     * The same rate throughout: {@code rate: 200}. Not checked here: a bad {@code --rate}
     * is refused when the stream is built, where the CLI reports it as bad input.
     */
    record Fixed(double perSecond) implements RateCurve {
        @Override
        public double rateAt(double seconds) {
            return perSecond;
        }

        @Override
        public double countBy(double seconds) {
            return perSecond * Math.max(0, seconds);
        }

        @Override
        public double secondsToCount(double count) {
            return perSecond > 0 ? Math.max(0, count) / perSecond : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Linear from {@code from} to {@code to} over {@code over}, then holding {@code to}: a
     * load test's ramp. The scenario file always ramps over the whole duration.
     */
    record Ramp(double from, double to, Duration over) implements RateCurve {
        public Ramp {
            requireRate("ramp.from", from);
            requireRate("ramp.to", to);
            if (over.isNegative() || over.isZero()) {
                throw new IllegalArgumentException("a ramp needs a positive length, was " + over);
            }
        }

        private double slope() {
            return (to - from) / seconds(over);
        }

        @Override
        public double rateAt(double seconds) {
            return seconds >= seconds(over) ? to : from + slope() * Math.max(0, seconds);
        }

        @Override
        public double countBy(double seconds) {
            double end = seconds(over);
            double t = Math.max(0, Math.min(seconds, end));
            double ramped = from * t + slope() * t * t / 2;
            return seconds > end ? ramped + to * (seconds - end) : ramped;
        }

        @Override
        public double secondsToCount(double count) {
            if (from == 0 && to == 0) {
                return Double.POSITIVE_INFINITY;
            }
            if (count <= 0) {
                return 0;
            }
            double end = seconds(over);
            double atEnd = countBy(end);
            if (count < atEnd) {
                // Root of from·t + slope·t²/2 = count, in the form that stays exact when the
                // slope is 0 or negative (no cancellation between from and the square root).
                double discriminant = Math.max(0, from * from + 2 * slope() * count);
                return 2 * count / (from + Math.sqrt(discriminant));
            }
            return to > 0 ? end + (count - atEnd) / to : Double.POSITIVE_INFINITY;
        }

        @Override
        public RateCurve forRun(Duration oldDuration, Duration newDuration) {
            return over.equals(oldDuration) ? new Ramp(from, to, newDuration) : this;
        }
    }

    /** One step of {@link RateSteps}: from {@code at}, {@code rate} requests per second. */
    record Step(Duration at, double rate) {
        public Step {
            requireRate("step rate", rate);
            if (at.isNegative()) {
                throw new IllegalArgumentException("a step cannot start before 0s, was " + at);
            }
        }
    }
}
