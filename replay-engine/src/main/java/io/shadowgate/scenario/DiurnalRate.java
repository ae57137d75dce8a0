package io.shadowgate.scenario;

import java.time.Duration;

/**
 * A daily cycle, usually compressed: {@code base + amplitude · sin(2π (t + phase) / period)}.
 * At phase 0 the stream starts at the base rate, rising; the peak is a quarter period in and
 * the trough three quarters in, so {@code phase: 3/4 of the period} starts at night. The
 * amplitude is at most the base, so the rate never goes below 0. Immutable.
 *
 * @param base      mean requests per second, greater than 0
 * @param amplitude swing above and below the base, 0..base
 * @param period    length of one cycle, greater than 0
 * @param phase     how far into the cycle the stream starts, at least 0
 */
public record DiurnalRate(double base, double amplitude, Duration period, Duration phase) implements RateCurve {

    /** Far below a microsecond, the unit offsets are rounded to. */
    private static final double TOLERANCE_SECONDS = 1e-9;
    private static final int MAX_ITERATIONS = 200;

    public DiurnalRate {
        if (!(RateCurve.requireRate("diurnal.base", base) > 0)) {
            throw new IllegalArgumentException("diurnal.base must be greater than 0, was " + base);
        }
        if (RateCurve.requireRate("diurnal.amplitude", amplitude) > base) {
            throw new IllegalArgumentException("diurnal.amplitude must be at most base (" + base + "), was " + amplitude);
        }
        if (period.isNegative() || period.isZero() || phase.isNegative()) {
            throw new IllegalArgumentException("diurnal needs a positive period and a phase of at least 0");
        }
    }

    private double omega() {
        return 2 * Math.PI / RateCurve.seconds(period);
    }

    private double angleAt(double seconds) {
        return omega() * (seconds + RateCurve.seconds(phase));
    }

    @Override
    public double rateAt(double seconds) {
        return Math.max(0, base + amplitude * Math.sin(angleAt(seconds)));
    }

    @Override
    public double countBy(double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        return base * seconds + amplitude / omega() * (Math.cos(angleAt(0)) - Math.cos(angleAt(seconds)));
    }

    /**
     * No closed form, so Newton's method inside a bracket that always holds the answer: the
     * integral stays within {@code 2·amplitude/ω} of {@code base·t}. A Newton step that leaves
     * the bracket (near a trough where the rate touches 0) falls back to bisection. The rate
     * is 0 at isolated instants at most, so the integral is strictly increasing and the root
     * is unique.
     */
    @Override
    public double secondsToCount(double count) {
        if (count <= 0) {
            return 0;
        }
        double swing = 2 * amplitude / omega();
        double low = Math.max(0, (count - swing) / base);
        double high = (count + swing) / base;
        double t = Math.min(high, Math.max(low, count / base));
        for (int i = 0; i < MAX_ITERATIONS && high - low > TOLERANCE_SECONDS; i++) {
            double excess = countBy(t) - count;
            if (excess == 0) {
                return t;
            }
            if (excess < 0) {
                low = t;
            } else {
                high = t;
            }
            double rate = rateAt(t);
            double next = rate > 0 ? t - excess / rate : Double.NaN;
            if (!(next > low && next < high)) {
                next = low + (high - low) / 2;
            }
            if (Math.abs(next - t) <= TOLERANCE_SECONDS || next == t) {
                return next;
            }
            t = next;
        }
        return t;
    }
}
