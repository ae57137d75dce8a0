package io.shadowgate.compare.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Count, mean, standard deviation and maximum of a stream, from the exact sum and sum of squares
 * of its values (every double is a finite binary fraction, so {@link BigDecimal} adds them
 * without rounding). Addition is then associative: the figures do not depend on the order the
 * values came in, and the merge of shards' moments is exactly one stream's. The mean and standard
 * deviation are rounded once, when read. Single writer.
 */
public final class Moments {

    private long n;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal sumOfSquares = BigDecimal.ZERO;
    private double max = Double.NaN;

    void add(double x) {
        n++;
        BigDecimal v = new BigDecimal(x);
        sum = sum.add(v);
        sumOfSquares = sumOfSquares.add(v.multiply(v));
        max = n == 1 ? x : Math.max(max, x);
    }

    void merge(Moments other) {
        if (other.n == 0) {
            return;
        }
        max = n == 0 ? other.max : Math.max(max, other.max);
        n += other.n;
        sum = sum.add(other.sum);
        sumOfSquares = sumOfSquares.add(other.sumOfSquares);
    }

    long count() {
        return n;
    }

    /** The mean, NaN when empty. */
    double mean() {
        return n == 0 ? Double.NaN : sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
    }

    /** The sample standard deviation (n - 1 in the denominator), NaN below two values. */
    double standardDeviation() {
        if (n < 2) {
            return Double.NaN;
        }
        BigDecimal count = BigDecimal.valueOf(n);
        // Σx² − (Σx)²/n, exactly up to the one division.
        BigDecimal m2 = sumOfSquares.subtract(sum.multiply(sum).divide(count, MathContext.DECIMAL128));
        return Math.sqrt(Math.max(0, m2.divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128).doubleValue()));
    }

    double max() {
        return max;
    }

    /** The exact state, for a stored result: count, sum and sum of squares as decimal text, maximum. */
    Stored stored() {
        return new Stored(n, sum.toString(), sumOfSquares.toString(), max);
    }

    static Moments of(Stored s) {
        Moments m = new Moments();
        m.n = s.count();
        m.sum = new BigDecimal(s.sum());
        m.sumOfSquares = new BigDecimal(s.sumOfSquares());
        m.max = s.max();
        return m;
    }

    /**
     * Moments as stored in a shard result.
     *
     * @param count        values
     * @param sum          their exact sum, decimal
     * @param sumOfSquares the exact sum of their squares, decimal
     * @param max          the largest, NaN when none
     */
    public record Stored(long count, String sum, String sumOfSquares, double max) {
    }
}
