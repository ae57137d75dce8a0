package io.shadowgate.bench;

/**
 * The quantile function of a mixture of log-normals, tabulated on the normal-score scale:
 * for z on a grid of step {@value #STEP} over [−{@value #Z_MAX}, {@value #Z_MAX}], the
 * latency x with mixture CDF F(x) = Φ(z), found by bisection on log x to machine precision
 * (on the survival side in the upper half, so the tail is exact too). Between grid points,
 * log x is interpolated linearly; beyond the grid (probability below 1e-15) the end value is
 * used.
 *
 * <p>Why this is enough for calibration: the harness draws the baseline as {@code millis(z)}
 * and the candidate as {@code scale * millis(z')} with z' standard normal too, through this
 * same table, so the candidate's distribution is exactly {@code scale} times the baseline's
 * whatever the interpolation error; that error (below 1e-6 relative) only makes the baseline
 * a hair different from the ideal mixture. Built once (under half a second); immutable afterwards.
 */
final class CalibrationMixtureTable {

    static final double Z_MAX = 8.0;
    static final double STEP = 0.001;

    /** 80 % log-normal (median 10 ms, σ 0.25) and 20 % log-normal (median 40 ms, σ 0.25). */
    static final CalibrationMixtureTable BIMODAL = new CalibrationMixtureTable(
            new double[] {0.8, 0.2}, new double[] {10.0, 40.0}, new double[] {0.25, 0.25});

    private final double[] weights;
    private final double[] logMedians;
    private final double[] sigmas;
    private final double[] logMillis;

    /**
     * @param weights mixture weights, adding up to 1
     * @param medians each component's median, ms
     * @param sigmas  each component's σ (of log latency)
     */
    CalibrationMixtureTable(double[] weights, double[] medians, double[] sigmas) {
        this.weights = weights.clone();
        this.sigmas = sigmas.clone();
        this.logMedians = new double[medians.length];
        for (int k = 0; k < medians.length; k++) {
            logMedians[k] = Math.log(medians[k]);
        }
        int points = (int) Math.round(2 * Z_MAX / STEP) + 1;
        this.logMillis = new double[points];
        for (int i = 0; i < points; i++) {
            logMillis[i] = solve(-Z_MAX + i * STEP);
        }
    }

    /** The mixture's latency, ms, at probability Φ(z). */
    double millis(double z) {
        double position = (Math.max(-Z_MAX, Math.min(Z_MAX, z)) + Z_MAX) / STEP;
        int i = Math.min(logMillis.length - 2, (int) position);
        double fraction = position - i;
        return Math.exp(logMillis[i] + fraction * (logMillis[i + 1] - logMillis[i]));
    }

    /** log x with F(x) = Φ(z), by bisection. */
    private double solve(double z) {
        boolean upper = z > 0;
        double target = upper ? CalibrationShape.upperTail(z) : CalibrationShape.upperTail(-z);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < sigmas.length; k++) {
            lo = Math.min(lo, logMedians[k] - 2 * Z_MAX * sigmas[k]);
            hi = Math.max(hi, logMedians[k] + 2 * Z_MAX * sigmas[k]);
        }
        for (int iteration = 0; iteration < 100 && hi - lo > 1e-13; iteration++) {
            double mid = 0.5 * (lo + hi);
            // Upper half: compare survival functions; lower half: CDFs (Φ(-s) = 1 - Φ(s)).
            boolean belowX = upper ? survival(mid) > target : cdf(mid) < target;
            if (belowX) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private double survival(double logX) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * CalibrationShape.upperTail((logX - logMedians[k]) / sigmas[k]);
        }
        return s;
    }

    private double cdf(double logX) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * CalibrationShape.upperTail(-(logX - logMedians[k]) / sigmas[k]);
        }
        return s;
    }
}
