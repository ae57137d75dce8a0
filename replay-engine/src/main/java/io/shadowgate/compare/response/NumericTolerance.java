package io.shadowgate.compare.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Numbers at {@code path} that differ by little enough are equal: model scores move a little
 * between versions.
 *
 * <p>The rule: a and b are equal when {@code |a - b| <= absolute} <em>or</em>
 * {@code |a - b| <= relative * max(|a|, |b|)}, so either allowance suffices (set the other to 0
 * to use one). Both bounds are inclusive and decided on the decimal values as written (for
 * floating-point JSON numbers, their shortest decimal form): 1.1 against 1.0 is within an
 * absolute 0.1, which in binary doubles it would not be.
 *
 * @param path     pattern of the numbers this applies to, e.g. {@code $.items[*].score}
 * @param absolute largest absolute difference allowed, {@code >= 0}
 * @param relative largest difference as a fraction of the larger magnitude, {@code >= 0}
 */
public record NumericTolerance(String path, double absolute, double relative) {

    public NumericTolerance {
        RuleText.checkPath("tolerance", path);
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("tolerance for '" + path + "': absolute must be a finite number >= 0 (was " + absolute + ")");
        }
        if (!(relative >= 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance for '" + path + "': relative must be a finite number >= 0 (was " + relative + ")");
        }
        if (absolute == 0 && relative == 0) {
            throw new IllegalArgumentException("tolerance for '" + path + "': absolute and relative are both 0, which tolerates nothing");
        }
    }

    /** Only an absolute allowance. */
    public static NumericTolerance absolute(String path, double absolute) {
        return new NumericTolerance(path, absolute, 0);
    }

    /** Only a relative allowance, e.g. 0.01 for 1 %. */
    public static NumericTolerance relative(String path, double relative) {
        return new NumericTolerance(path, 0, relative);
    }

    /** Whether two numbers are within this tolerance (see the class comment for the rule). */
    public boolean within(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return a == b; // NaN is within nothing; an infinity only of itself
        }
        return within(BigDecimal.valueOf(a), BigDecimal.valueOf(b));
    }

    /** The same for two JSON number nodes, exact at the boundary for big integers and decimals too. */
    boolean within(JsonNode a, JsonNode b) {
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            // Beyond the double range: only integers and big decimals still have exact values.
            return exact(a) && exact(b) ? within(a.decimalValue(), b.decimalValue()) : x == y;
        }
        double difference = Math.abs(x - y);
        double larger = Math.max(Math.abs(x), Math.abs(y));
        double bound = Math.max(absolute, relative * larger);
        // Doubles decide unless the difference is within rounding of the bound; only there is the
        // exact decimal arithmetic worth its cost.
        double slack = 4 * Math.ulp(Math.max(larger, bound));
        if (Double.isFinite(difference) && Math.abs(difference - bound) > slack) {
            return difference <= bound;
        }
        return within(a.decimalValue(), b.decimalValue());
    }

    private static boolean exact(JsonNode n) {
        return n.isIntegralNumber() || n.isBigDecimal();
    }

    private boolean within(BigDecimal a, BigDecimal b) {
        BigDecimal difference = a.subtract(b).abs();
        if (difference.compareTo(BigDecimal.valueOf(absolute)) <= 0) {
            return true;
        }
        BigDecimal larger = a.abs().max(b.abs());
        return difference.compareTo(BigDecimal.valueOf(relative).multiply(larger)) <= 0;
    }
}
