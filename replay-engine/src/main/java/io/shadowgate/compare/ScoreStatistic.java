package io.shadowgate.compare;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Farrington-Manning score statistic for a difference of two proportions at a margin,
 * the statistic Chan (1998) orders the sample space by in the exact unconditional test.
 *
 * <p>{@code Z = (x_c/n_c - x_b/n_b - margin) / sqrt(pc(1-pc)/n_c + pb(1-pb)/n_b)}, where
 * (pb, pc) is the maximum-likelihood estimate restricted to {@code pc - pb = margin}
 * (Farrington & Manning 1990, Stat Med 9:1447; Miettinen & Nurminen 1985, Stat Med 4:213,
 * without their N/(N-1) factor). Package-private: callers use {@link ExactUnconditionalTest}.
 */
final class ScoreStatistic {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final int NEWTON_STEPS = 8;

    private ScoreStatistic() {
    }

    /** The score statistic; 0 when the restricted variance is 0 (then the numerator is 0 too). */
    static double z(long xb, long nb, long xc, long nc, double margin) {
        return z(xb, nb, xc, nc, margin, restrictedBaselineRate(xb, nb, xc, nc, margin, Double.NaN));
    }

    /** The score statistic given the restricted baseline rate {@code pb}. */
    static double z(long xb, long nb, long xc, long nc, double margin, double pb) {
        double pc = clamp01(pb + margin);
        double variance = pc * (1 - pc) / nc + pb * (1 - pb) / nb;
        double numerator = (double) xc / nc - (double) xb / nb - margin;
        // With |margin| < 1 the variance vanishes only when margin = 0 and every request
        // failed or none did, where the numerator is exactly 0 as well.
        return variance > 0 ? numerator / Math.sqrt(variance) : 0;
    }

    /** The large-sample p-value: P(Z <= z) if {@code lowerTail}, else P(Z >= z), Z ~ N(0, 1). */
    static double asymptoticPValue(long xb, long nb, long xc, long nc, double margin, boolean lowerTail) {
        double z = z(xb, nb, xc, nc, margin);
        return lowerTail ? STANDARD_NORMAL.cumulativeProbability(z) : 1 - STANDARD_NORMAL.cumulativeProbability(z);
    }

    /**
     * The baseline rate pb of the MLE restricted to pc = pb + margin.
     *
     * <p>The log-likelihood is strictly concave in pb on the segment where both rates lie in
     * [0, 1], so its maximiser is either the segment's one stationary point, a root of
     * Miettinen & Nurminen's cubic (their appendix: N p^3 + L2 p^2 + L1 p + L0 with
     * L2 = (n_c + 2 n_b) margin - N - X, L1 = (n_b margin - N - 2 x_b) margin + X,
     * L0 = x_b margin (1 - margin)), or an end of the segment. Their closed form picks one root
     * and fails at the ends (for example 0 candidate errors at a negative margin, where the cubic
     * has a single real root, outside the segment); there we take every real root in the
     * segment and both ends, and keep the one with the largest likelihood. (statsmodels 0.13.5
     * writes x_b for n_b in L1, so its score test at a margin other than 0 is off; see
     * reference_proportions.py.)
     *
     * @param hint a nearby table's answer, or NaN: Newton's method from it skips the closed
     *             form's acos, which dominates the exact test's cost, and any interior root it
     *             converges to is the maximiser
     */
    static double restrictedBaselineRate(long xb, long nb, long xc, long nc, double margin, double hint) {
        if (margin == 0) {
            return (double) (xb + xc) / (nb + nc);
        }
        double lo = Math.max(0, -margin);
        double hi = Math.min(1, 1 - margin);
        double n = nb + nc;
        double b = ((nc + 2.0 * nb) * margin - n - (xb + xc)) / n;
        double c = ((nb * margin - n - 2.0 * xb) * margin + (xb + xc)) / n;
        double d = xb * margin * (1 - margin) / n;
        if (hint > lo && hint < hi) {
            double p = hint;
            for (int i = 0; i < NEWTON_STEPS; i++) {
                double step = (((p + b) * p + c) * p + d) / ((3 * p + 2 * b) * p + c);
                p -= step;
                if (Math.abs(step) <= 1e-15 * Math.max(p, 1e-3)) {
                    if (p > lo && p < hi) {
                        return p;
                    }
                    break;
                }
            }
        }
        // Else their closed form (one acos, one cos): it is the maximiser whenever it lands
        // strictly inside the segment, as any interior root is the one stationary point.
        double q = b * b * b / 27 - b * c / 6 + d / 2;
        double s = Math.copySign(Math.sqrt(b * b / 9 - c / 3), q);
        double cosine = q / (s * s * s);
        if (cosine >= -1 && cosine <= 1) {
            double root = 2 * s * Math.cos((Math.PI + Math.acos(cosine)) / 3) - b / 3;
            if (root > lo && root < hi) {
                return root;
            }
        }
        double[] roots = realRootsOfMonicCubic(b, c, d);
        int inside = 0;
        double stationary = Double.NaN;
        for (double root : roots) {
            if (root > lo && root < hi) {
                inside++;
                stationary = root;
            }
        }
        if (inside == 1) {
            return stationary;  // the one interior stationary point of a concave function: the maximum
        }
        double best = lo;
        double bestLogLikelihood = logLikelihood(lo, xb, nb, xc, nc, margin);
        double[] candidates = {hi, roots[0], roots[1], roots[2]};
        for (double p : candidates) {
            if (p >= lo && p <= hi) {
                double ll = logLikelihood(p, xb, nb, xc, nc, margin);
                if (ll > bestLogLikelihood) {
                    best = p;
                    bestLogLikelihood = ll;
                }
            }
        }
        return best;
    }

    private static double logLikelihood(double pb, long xb, long nb, long xc, long nc, double margin) {
        double pc = clamp01(pb + margin);
        return xLogY(xb, pb) + xLogY(nb - xb, 1 - pb) + xLogY(xc, pc) + xLogY(nc - xc, 1 - pc);
    }

    /** x log y with the convention 0 log 0 = 0 (a side with no errors has likelihood 1 at rate 0). */
    private static double xLogY(long x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    /**
     * Real roots of t^3 + b t^2 + c t + d (three values; NaN where a root is complex), by the
     * trigonometric form when all three are real and Cardano's formula when one is.
     */
    static double[] realRootsOfMonicCubic(double b, double c, double d) {
        double shift = b / 3;
        double p = c - b * b / 3;
        double q = 2 * b * b * b / 27 - b * c / 3 + d;
        double discriminant = q * q / 4 + p * p * p / 27;
        if (discriminant > 0) {
            double s = Math.sqrt(discriminant);
            return new double[] {Math.cbrt(-q / 2 + s) + Math.cbrt(-q / 2 - s) - shift, Double.NaN, Double.NaN};
        }
        if (p == 0) {
            return new double[] {-shift, Double.NaN, Double.NaN};
        }
        double m = 2 * Math.sqrt(-p / 3);
        double cosine = Math.max(-1, Math.min(1, 3 * q / (p * m)));
        double angle = Math.acos(cosine) / 3;
        double[] roots = new double[3];
        for (int k = 0; k < 3; k++) {
            roots[k] = m * Math.cos(angle - 2 * Math.PI * k / 3) - shift;
        }
        return roots;
    }

    private static double clamp01(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
