package io.shadowgate.bench;

import io.shadowgate.judge.Evidence;
import io.shadowgate.metrics.Histograms;
import io.shadowgate.metrics.OutcomeCounts;
import io.shadowgate.metrics.PairedLatencies;
import org.HdrHistogram.Histogram;

/**
 * One simulated experiment's traffic, drawn in full up front (see {@link CalibrationTraffic}),
 * handed to the judge as the evidence a run's recorders would hold after its first k request
 * pairs (or k requests per side): the fixed-size mode asks once for all n, {@code --stop-early}
 * for growing prefixes. Growing is incremental: each call adds only the requests that are new
 * to the histograms, so a sample belongs to one thread, k must never shrink, and an evidence
 * is valid until the next call.
 */
sealed interface CalibrationSample {

    /** Request pairs (latency), or requests per side (error rate), drawn. */
    int n();

    /** The evidence of the first {@code k} requests, k at least the last call's and at most n. */
    Evidence first(int k);

    /**
     * Request pairs of latencies, µs. The histograms hold the first pairs asked for so far, as
     * a shadow run's recorders do; the pairs are shared, not copied (the judge reads the first
     * {@code size} of them).
     */
    record Latencies(double[] baseline, double[] candidate, Histogram baselineHistogram, Histogram candidateHistogram)
            implements CalibrationSample {

        Latencies(double[] baseline, double[] candidate) {
            this(baseline, candidate, Histograms.newHistogram(), Histograms.newHistogram());
        }

        @Override
        public int n() {
            return baseline.length;
        }

        @Override
        public Evidence first(int k) {
            for (int i = (int) baselineHistogram.getTotalCount(); i < k; i++) {
                baselineHistogram.recordValue(micros(baseline[i]));
                candidateHistogram.recordValue(micros(candidate[i]));
            }
            OutcomeCounts counts = new OutcomeCounts(k, k, 0, 0, 0, 0, 0, 0);
            return new Evidence("all", baselineHistogram, candidateHistogram, counts, counts,
                    new PairedLatencies(baseline, candidate, k, k));
        }

        private static long micros(double value) {
            return Math.max(1, Math.min(Histograms.HIGHEST_MICROS, Math.round(value)));
        }
    }

    /**
     * Requests that failed (a 5xx) or not, per side, as running counts: {@code baselineErrors[k]}
     * errors among the baseline's first k requests. The latency histogram is a placeholder (k
     * values of 1 ms, the same for both sides): the error cells judge no latency gate.
     */
    record Errors(int[] baselineErrors, int[] candidateErrors, Histogram placeholder) implements CalibrationSample {

        Errors(int[] baselineErrors, int[] candidateErrors) {
            this(baselineErrors, candidateErrors, Histograms.newHistogram());
        }

        @Override
        public int n() {
            return baselineErrors.length - 1;
        }

        @Override
        public Evidence first(int k) {
            placeholder.recordValueWithCount(1_000, k - placeholder.getTotalCount());
            return new Evidence("all", placeholder, placeholder, outcomes(k, baselineErrors[k]),
                    outcomes(k, candidateErrors[k]));
        }

        private static OutcomeCounts outcomes(int k, long errors) {
            return new OutcomeCounts(k, k - errors, 0, 0, errors, 0, 0, 0);
        }
    }
}
