package io.shadowgate.compare.model;

/**
 * Count, mean, sum of squared deviations and maximum of a stream, by Welford's update, merged
 * exactly by Chan, Golub and LeVeque's pairwise formula. Single writer.
 */
final class Moments {

    private long n;
    private double mean;
    private double m2;
    private double max = Double.NaN;

    void add(double x) {
        n++;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        max = n == 1 ? x : Math.max(max, x);
    }

    void merge(Moments other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            mean = other.mean;
            m2 = other.m2;
            max = other.max;
            return;
        }
        long total = n + other.n;
        double delta = other.mean - mean;
        mean += delta * other.n / total;
        m2 += other.m2 + delta * delta * ((double) n * other.n / total);
        max = Math.max(max, other.max);
        n = total;
    }

    long count() {
        return n;
    }

    /** The mean, NaN when empty. */
    double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** The sample standard deviation (n - 1 in the denominator), NaN below two values. */
    double standardDeviation() {
        return n < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2) / (n - 1));
    }

    double max() {
        return max;
    }
}
