package io.shadowgate.compare;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.DoublePredicate;

/**
 * How much more traffic would likely let an INCONCLUSIVE error-rate gate decide, assuming the
 * observed difference holds: what the report offers next to the verdict. Stateless.
 *
 * <p>Both sides are assumed to grow by the same factor k (so a 50/50 shadow run stays 50/50).
 * Decided means: upper bound <= margin when the estimate is below the margin (GO), lower bound
 * > margin when it is above (NO_GO). When the estimate equals the margin, no amount of data
 * decides, and the answer is empty.
 */
public final class SampleSizeProjection {

    /** Growth factors beyond this (a trillion times the traffic) are reported as "never". */
    static final double MAX_SCALE = 1e12;

    private SampleSizeProjection() {
    }

    /**
     * The growth factor k from the 1/sqrt(n) rule, for any interval (Newcombe or exact): a bound
     * at distance h from the estimate moves to h / sqrt(k), so
     * <pre>
     *   estimate d < margin:  k = ((upper - d) / (margin - d))^2
     *   estimate d > margin:  k = ((d - lower) / (d - margin))^2
     * </pre>
     * floored at 1 (1 means the current interval already decides). With an error rate of 0 on a
     * side the Wilson half-width shrinks like 1/n, not 1/sqrt(n), so this over-estimates there;
     * {@link #newcombeScaleFactor} does not.
     *
     * @return k, or empty when the estimate equals the margin or there is no data
     */
    public static OptionalDouble scaleFactor(DifferenceEstimate current, double margin) {
        double d = current.estimate();
        if (!current.hasData() || d == margin) {
            return OptionalDouble.empty();
        }
        double ratio = d < margin ? (current.upper() - d) / (margin - d) : (d - current.lower()) / (d - margin);
        double k = Math.max(1, ratio * ratio);
        return k > MAX_SCALE ? OptionalDouble.empty() : OptionalDouble.of(k);
    }

    /**
     * Trials per side needed by the 1/sqrt(n) rule: {@code ceil(k * currentPerSide)}, k from
     * {@link #scaleFactor}. Subtract {@code currentPerSide} for "how many more".
     */
    public static OptionalLong requiredPerSide(DifferenceEstimate current, double margin, long currentPerSide) {
        if (currentPerSide <= 0) {
            throw new IllegalArgumentException("currentPerSide must be > 0 (was " + currentPerSide + ")");
        }
        OptionalDouble k = scaleFactor(current, margin);
        return k.isPresent() ? OptionalLong.of((long) Math.ceil(k.getAsDouble() * currentPerSide)) : OptionalLong.empty();
    }

    /**
     * The least growth factor k at which the Newcombe interval itself decides, computed by
     * recomputing it on counts k times larger at the same rates (bisection on log k to 0.1%).
     * Sharper than {@link #scaleFactor} when a rate is at or near 0, where Wilson bounds shrink
     * like 1/n.
     *
     * @param confidence two-sided, as in {@link ErrorRateDifference#newcombe}
     * @return k >= 1, or empty when the estimate equals the margin, a side has no trials, or
     *         more than {@value #MAX_SCALE} times the traffic would be needed
     */
    public static OptionalDouble newcombeScaleFactor(ErrorCount baseline, ErrorCount candidate,
                                                     double confidence, double margin) {
        if (baseline.trials() == 0 || candidate.trials() == 0) {
            return OptionalDouble.empty();
        }
        double d = candidate.rate() - baseline.rate();
        if (d == margin) {
            return OptionalDouble.empty();
        }
        DoublePredicate decidesAt = k -> {
            DifferenceEstimate e = ErrorRateDifference.newcombe(k * baseline.errors(), k * baseline.trials(),
                    k * candidate.errors(), k * candidate.trials(), confidence);
            return d < margin ? e.upper() <= margin : e.lower() > margin;
        };
        if (decidesAt.test(1)) {
            return OptionalDouble.of(1);
        }
        if (!decidesAt.test(MAX_SCALE)) {
            return OptionalDouble.empty();
        }
        // The Wilson half-widths fall monotonically with k at fixed rates, so bisection applies.
        double undecided = 1;
        double decided = MAX_SCALE;
        while (decided / undecided > 1.001) {
            double mid = Math.sqrt(undecided * decided);
            if (decidesAt.test(mid)) {
                decided = mid;
            } else {
                undecided = mid;
            }
        }
        return OptionalDouble.of(decided);
    }
}
