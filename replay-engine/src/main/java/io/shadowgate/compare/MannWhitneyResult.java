package io.shadowgate.compare;

/**
 * One two-sided Wilcoxon rank-sum (Mann–Whitney) test of candidate against baseline, with the
 * shift's estimate and confidence interval; every shift is candidate − baseline.
 *
 * @param candidateSize values of the candidate used (NaN removed): R's n.x
 * @param baselineSize values of the baseline used (NaN removed): R's n.y
 * @param u the candidate's Mann–Whitney U: pairs where the candidate value is larger, ties
 *     counting half; R's {@code statistic} W
 * @param z the standard normal statistic with tie and continuity corrections; NaN when every
 *     value of both samples is the same
 * @param pValue two-sided p-value of "no shift" from {@code z}; 1 when every value is the same
 *     (R gives NaN there)
 * @param estimate Hodges–Lehmann estimate: the median of all candidate − baseline differences
 * @param lower lower end of the confidence interval for the shift: one of the differences
 * @param upper upper end of the confidence interval for the shift: one of the differences
 * @param confidence the interval's confidence level, in (0, 1)
 */
public record MannWhitneyResult(int candidateSize, int baselineSize, double u, double z, double pValue,
        double estimate, double lower, double upper, double confidence) {

    /**
     * The common-language effect size: the probability that a random candidate value exceeds a
     * random baseline value, ties counting half; 0.5 means neither side tends to be larger.
     */
    public double commonLanguageEffectSize() {
        return u / ((double) candidateSize * baselineSize);
    }
}
