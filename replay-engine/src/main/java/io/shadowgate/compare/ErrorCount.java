package io.shadowgate.compare;

/**
 * How many of one side's requests failed: the binomial data an error-rate comparison reads.
 *
 * <p>What counts as an error (5xx, timeout, connection error) is the caller's choice; this
 * package only sees the two numbers.
 *
 * @param errors requests that failed, {@code 0 <= errors <= trials}
 * @param trials requests that ended in an outcome, {@code >= 0}
 */
public record ErrorCount(long errors, long trials) {

    public ErrorCount {
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0 (was " + trials + ")");
        }
        if (errors < 0 || errors > trials) {
            throw new IllegalArgumentException(
                    "errors must be between 0 and trials=" + trials + " (was " + errors + ")");
        }
    }

    /** Shorthand for {@code new ErrorCount(errors, trials)}. */
    public static ErrorCount of(long errors, long trials) {
        return new ErrorCount(errors, trials);
    }

    /** The observed error rate, or NaN when there were no trials. */
    public double rate() {
        return trials == 0 ? Double.NaN : (double) errors / trials;
    }

    /** Requests that did not fail. */
    public long successes() {
        return trials - errors;
    }
}
