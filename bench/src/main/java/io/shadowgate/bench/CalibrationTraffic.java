package io.shadowgate.bench;

import io.shadowgate.judge.Evidence;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Simulated evidence for one experiment, in-process: what the replayer and the recorders
 * would hand the judge after a shadow run, drawn from distributions whose truth is known.
 * Stateless; each call uses only the random generator it is given, so a seed fixes the
 * evidence.
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
     * request, the same instant). Both histograms and the pairs are filled, as a run would.
     */
    static Evidence latency(CalibrationShape shape, int n, double scale, double rho, SplittableRandom random) {
        double independent = Math.sqrt(1 - rho * rho);
        double[] baseline = new double[n];
        double[] candidate = new double[n];
        Histogram baselineHistogram = Histograms.newHistogram();
        Histogram candidateHistogram = Histograms.newHistogram();
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian();
            double w = random.nextGaussian();
            baseline[i] = 1_000 * shape.millis(z);
            candidate[i] = 1_000 * scale * shape.millis(rho * z + independent * w);
            baselineHistogram.recordValue(micros(baseline[i]));
            candidateHistogram.recordValue(micros(candidate[i]));
        }
        OutcomeCounts counts = new OutcomeCounts(n, n, 0, 0, 0, 0, 0, 0);
        return new Evidence("all", baselineHistogram, candidateHistogram, counts, counts,
                new PairedLatencies(baseline, candidate, n, n));
    }

    /**
     * {@code n} requests per side, each an error (a 5xx) with probability {@code baselineRate}
     * or {@code candidateRate}, independently: the error counts are Binomial(n, rate), drawn as
     * sums of Bernoulli draws. The latency histograms are placeholders (n values of 1 ms): the
     * error cells judge no latency gate.
     */
    static Evidence errors(int n, double baselineRate, double candidateRate, SplittableRandom random) {
        long baselineErrors = bernoulliSum(n, baselineRate, random);
        long candidateErrors = bernoulliSum(n, candidateRate, random);
        Histogram placeholder = Histograms.newHistogram();
        placeholder.recordValueWithCount(1_000, n);
        return new Evidence("all", placeholder, placeholder, outcomes(n, baselineErrors), outcomes(n, candidateErrors));
    }

    private static OutcomeCounts outcomes(int n, long errors) {
        return new OutcomeCounts(n, n - errors, 0, 0, errors, 0, 0, 0);
    }

    private static long bernoulliSum(int n, double p, SplittableRandom random) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                count++;
            }
        }
        return count;
    }

    private static long micros(double value) {
        return Math.max(1, Math.min(Histograms.HIGHEST_MICROS, Math.round(value)));
    }
}
