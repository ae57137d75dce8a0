package io.shadowgate.compare.response;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorCount;
import io.shadowgate.compare.ErrorRateDifference;

/**
 * The rule that tells a regression from noise, per endpoint and path.
 *
 * <p>Let p_c be the share of candidate pairs (baseline against candidate) that differ at the
 * path, and p_n the share of noise pairs (baseline against a second baseline) that differ there.
 * A path is a {@link PathClass#REGRESSION} when the one-sided test at level alpha shows
 * p_c − p_n &gt; 0: the lower bound of Newcombe's hybrid score interval for p_c − p_n at
 * two-sided confidence 1 − 2·alpha ({@link ErrorRateDifference#newcombe}) is above 0. Otherwise
 * it is {@link PathClass#WITHIN_NOISE}: not shown to differ more often than the baseline differs
 * from itself. With no noise pairs on the endpoint nothing can be subtracted, and every path is
 * {@link PathClass#NO_NOISE_DATA}: a candidate difference, unexplained. A path seen only in noise
 * pairs has p_c = 0 and is within noise.
 *
 * <p>Why Newcombe's interval rather than the exact one the error-rate gate uses for small
 * counts: a run can have a thousand paths per endpoint, and the exact interval costs seconds
 * each. Each path is tested on its own at level alpha; with many noisy paths expect about
 * alpha of them to come out as regressions by chance (divide alpha by their number for a
 * family-wise level).
 *
 * <p>Diffy (Twitter's response-diffing proxy) separates the two with fixed thresholds instead:
 * a field is shown when its raw-minus-noise difference clears a relative threshold (default
 * 20 %) and an absolute one (default 0.03 % of requests). Fixed thresholds ignore how many
 * requests were seen: after 200 requests a single unlucky difference clears both, and no run
 * says how sure it is. The interval here widens when data is thin and narrows as it grows, so
 * the same rule holds at any traffic volume, at a stated error rate.
 *
 * <p>Stateless and thread-safe.
 */
public final class NoiseClassifier {

    /** One-sided level used when the caller has no reason to choose another. */
    public static final double DEFAULT_ALPHA = 0.01;

    private NoiseClassifier() {
    }

    /**
     * p_c − p_n with Newcombe's interval at two-sided confidence 1 − 2·alpha; "no data" when
     * either side has no pairs.
     */
    public static DifferenceEstimate excess(PathCounts candidate, PathCounts noise, double alpha) {
        double confidence = ErrorRateDifference.confidenceForOneSidedAlpha(alpha);
        return ErrorRateDifference.newcombe(ErrorCount.of(noise.differing(), noise.compared()),
                ErrorCount.of(candidate.differing(), candidate.compared()), confidence);
    }

    /** The class of a path whose counts gave {@code excess} (see the class comment for the rule). */
    public static PathClass classify(PathCounts candidate, PathCounts noise, DifferenceEstimate excess) {
        if (noise.compared() == 0) {
            return PathClass.NO_NOISE_DATA;
        }
        if (candidate.compared() == 0 || !excess.hasData()) {
            return PathClass.WITHIN_NOISE;
        }
        return excess.lower() > 0 ? PathClass.REGRESSION : PathClass.WITHIN_NOISE;
    }
}
