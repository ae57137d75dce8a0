package io.shadowgate.sim;

import java.time.Duration;

/**
 * Nanosecond arithmetic for fault schedules that saturates instead of overflowing: a fault
 * written as lasting {@code 1000000h} means "for the rest of the run", not a negative time.
 */
final class Nanos {

    private Nanos() {
    }

    /** {@code d} in nanoseconds, 0 for null or negative, {@link Long#MAX_VALUE} when too long to say. */
    static long of(Duration d) {
        if (d == null || d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a + b} for non-negative {@code b}, {@link Long#MAX_VALUE} instead of overflowing. */
    static long add(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
