package io.shadowgate.compare;

/**
 * The candidate/baseline ratio of one latency percentile with the standard error of its
 * logarithm, from which one-sided bounds follow on the log scale (quantile estimators are
 * asymptotically normal, and a ratio is better behaved as a difference of logarithms).
 *
 * @param estimate   candidate quantile / baseline quantile
 * @param logSe      standard error of log(estimate)
 * @param candidateQ the candidate's sample quantile
 * @param baselineQ  the baseline's sample quantile
 * @param samples    request pairs used (paired), or the smaller side's sample (unpaired)
 * @param method     how {@code logSe} was estimated
 */
public record QuantileRatio(double estimate, double logSe, double candidateQ, double baselineQ, long samples,
                            String method) {

    /** One-sided upper bound on the ratio at {@code confidence}. */
    public double upper(double confidence) {
        return Math.exp(Math.log(estimate) + PairedQuantileRatio.z(confidence) * logSe);
    }

    /** One-sided lower bound on the ratio at {@code confidence}. */
    public double lower(double confidence) {
        return Math.exp(Math.log(estimate) - PairedQuantileRatio.z(confidence) * logSe);
    }
}
