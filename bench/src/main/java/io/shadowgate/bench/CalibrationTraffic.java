package io.shadowgate.bench;

import java.util.SplittableRandom;

/**
 * Simulated traffic for one experiment, in-process: what the replayer would measure in a
 * shadow run, drawn from distributions whose truth is known, as a {@link CalibrationSample}
 * that gives the evidence the recorders would hand the judge. Stateless; each call uses only
 * the random generator it is given, so a seed fixes the traffic.
 */
final class CalibrationTraffic {

    private CalibrationTraffic() {
    }

    /**
     * {@code n} request pairs of shadow traffic. Each request's two latencies come from a
     * Gaussian copula: normal scores z and z' = ρz + √(1−ρ²)w (z, w independent standard
     * normals), baseline = {@code shape.millis(z)}, candidate = {@code scale · shape.millis(z')}.
     * Both scores are standard normal, so the candidate's distribution is exactly {@code scale}
     * times the baseline's: every percentile's true ratio is {@code scale}. ρ on the normal
     * scores ties the two latencies of a request together as shadow traffic does (the same
     * request, the same instant).
     */
    static CalibrationSample latency(CalibrationShape shape, int n, double scale, double rho, SplittableRandom random) {
        double independent = Math.sqrt(1 - rho * rho);
        double[] baseline = new double[n];
        double[] candidate = new double[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian();
            double w = random.nextGaussian();
            baseline[i] = 1_000 * shape.millis(z);
            candidate[i] = 1_000 * scale * shape.millis(rho * z + independent * w);
        }
        return new CalibrationSample.Latencies(baseline, candidate);
    }

    /**
     * {@code n} requests per side, each an error (a 5xx) with probability {@code baselineRate}
     * or {@code candidateRate}, independently (Bernoulli draws, all the baseline's first): the
     * error count of any first k requests is Binomial(k, rate).
     */
    static CalibrationSample errors(int n, double baselineRate, double candidateRate, SplittableRandom random) {
        int[] baseline = errorsBefore(n, baselineRate, random);
        int[] candidate = errorsBefore(n, candidateRate, random);
        return new CalibrationSample.Errors(baseline, candidate);
    }

    /** Element k: the errors among the first k of n requests. */
    private static int[] errorsBefore(int n, double p, SplittableRandom random) {
        int[] before = new int[n + 1];
        for (int i = 0; i < n; i++) {
            before[i + 1] = before[i] + (random.nextDouble() < p ? 1 : 0);
        }
        return before;
    }
}
