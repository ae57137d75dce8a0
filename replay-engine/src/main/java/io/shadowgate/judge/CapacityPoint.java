package io.shadowgate.judge;

/**
 * One evaluation window of one version against one budget: what the window shows at the rate
 * it was offered.
 *
 * @param window   the window's index in the run
 * @param rate     offered rate, requests per second: the window's scheduled requests over its length
 * @param samples  what the estimate rests on: latency samples (responses and timeouts), or judged requests
 * @param estimate the window's percentile (ms) or error rate (fraction); NaN when it had no samples
 * @param lower    one-sided lower bound at the curve's per-bound level; NaN when {@link Status#TOO_FEW}
 * @param upper    one-sided upper bound at that level (+∞ when the window is too small to bound it at that level)
 * @param status   what the bounds show about the budget
 */
public record CapacityPoint(int window, double rate, long samples, double estimate, double lower, double upper,
                            Status status) {

    /** What one window shows about a budget. */
    public enum Status {
        /** The upper bound is within the budget. */
        HOLDS,
        /** The lower bound is beyond the budget. */
        BREACHED,
        /** Neither: the interval straddles the budget. */
        UNDECIDED,
        /** Too few samples for the budget: the window says nothing and spends no error budget. */
        TOO_FEW
    }

    /** Whether the window has bounds (anything but {@link Status#TOO_FEW}). */
    public boolean informative() {
        return status != Status.TOO_FEW;
    }
}
