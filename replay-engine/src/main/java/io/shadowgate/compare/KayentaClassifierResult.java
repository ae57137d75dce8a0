package io.shadowgate.compare;

import io.shadowgate.compare.KayentaClassifier.Classification;

/**
 * What {@link KayentaClassifier} decided for one metric, and the numbers behind it.
 *
 * @param classification Pass, High, Low or Nodata
 * @param critical whether the metric failed its critical threshold (never for Pass or Nodata)
 * @param test the Mann–Whitney test behind the decision; null exactly when the
 *     classification is Nodata
 * @param effectSize the measured effect size (mean ratio or CLES); NaN when it cannot be
 *     computed (Nodata, or a mean ratio over a baseline whose mean is 0)
 */
public record KayentaClassifierResult(Classification classification, boolean critical, MannWhitneyResult test,
        double effectSize) {

    /** Hodges–Lehmann estimate of candidate − baseline; NaN for Nodata. */
    public double estimate() {
        return test == null ? Double.NaN : test.estimate();
    }

    /** Lower end of the shift's confidence interval; NaN for Nodata. */
    public double lower() {
        return test == null ? Double.NaN : test.lower();
    }

    /** Upper end of the shift's confidence interval; NaN for Nodata. */
    public double upper() {
        return test == null ? Double.NaN : test.upper();
    }
}
