package io.shadowgate.compare.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far the candidate's scores moved from the baseline's, pair by pair. A pair's drift is
 * |s_c − s_b|, or with a probability map the largest per-class |p_c(k) − p_b(k)| (a class absent
 * on one side counts as probability 0 there).
 *
 * <p>Count, mean, standard deviation and maximum cover every scored pair. The p99 and the
 * Kolmogorov–Smirnov figures come from the recorder's seeded uniform sample of at most
 * {@code sampled} pairs (all of them while they fit). The KS test compares the two marginal
 * score distributions as independent samples; shadow pairs are the same requests, positively
 * correlated, which makes its p-value conservative (larger): read it as a description of how far
 * the distributions moved, not as the gate. With a probability map the scores are each side's
 * top-class probability.
 *
 * @param compared          pairs where both sides had a score: the drift's sample size
 * @param baselineOnly      pairs where only the baseline had a score
 * @param candidateOnly     pairs where only the candidate had a score
 * @param neither           pairs where neither had one
 * @param mean              mean drift, NaN when nothing was compared
 * @param standardDeviation sample standard deviation of the drift, NaN below two pairs
 * @param max               largest drift, NaN when nothing was compared
 * @param p99               99th percentile of the drift in the sample (linear interpolation, R type 7)
 * @param ksStatistic       two-sample KS statistic D between the sampled baseline and candidate scores
 * @param ksPValue          its p-value: exact when (sampled)² < 10,000, else the asymptotic Kolmogorov
 *                          distribution (commons-math's own switch); NaN below two sampled pairs
 * @param sampled           pairs in the sample the p99 and KS figures were computed from
 * @param classMeanDifference with a probability map, per class the mean |p_c(k) − p_b(k)| over the
 *                          compared pairs, for the first {@value ModelComparisonRecorder#MAX_CLASSES}
 *                          classes seen; empty without a map
 */
public record ScoreDrift(long compared, long baselineOnly, long candidateOnly, long neither, double mean,
                         double standardDeviation, double max, double p99, double ksStatistic, double ksPValue,
                         int sampled, Map<String, Double> classMeanDifference) {

    public ScoreDrift {
        classMeanDifference = Collections.unmodifiableMap(new TreeMap<>(classMeanDifference));
    }
}
