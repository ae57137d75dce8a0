package io.shadowgate.metrics;

/**
 * How every scheduled request ended at one target (or one endpoint of it). The parts always
 * add up to {@code scheduled}; {@link #addsUp()} says so and the report shows it.
 */
public record OutcomeCounts(
        long scheduled,
        long status2xx,
        long status3xx,
        long status4xx,
        long status5xx,
        long timeouts,
        long connectionErrors,
        long notSent) {

    public static final OutcomeCounts EMPTY = new OutcomeCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public long responses() {
        return status2xx + status3xx + status4xx + status5xx;
    }

    /** Requests that reached an end the target is accountable for (everything but not-sent). */
    public long judged() {
        return responses() + timeouts + connectionErrors;
    }

    /** 5xx responses, timeouts and connection errors. */
    public long errors() {
        return status5xx + timeouts + connectionErrors;
    }

    public double errorRate() {
        long judged = judged();
        return judged == 0 ? 0 : (double) errors() / judged;
    }

    public long accounted() {
        return judged() + notSent;
    }

    public boolean addsUp() {
        return accounted() == scheduled;
    }
}
