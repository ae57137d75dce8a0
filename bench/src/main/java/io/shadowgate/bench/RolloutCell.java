package io.shadowgate.bench;

import io.shadowgate.scenario.ErrorRateGate;
import io.shadowgate.scenario.Gates;
import io.shadowgate.scenario.LatencyGate;
import io.shadowgate.scenario.Rehearsal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One cell of the rollout calibration: the gates, the request rate, how long the traffic
 * lasts and the truth (how much worse the candidate is). It knows the plan, the gates and the
 * two targets' distributions; simulating, judging and counting are done elsewhere. Immutable.
 *
 * @param gateSet       which latency gate is judged beside the error-rate gate
 * @param rate          requests per second, split between the targets by the stage's weight
 * @param trafficMillis how long the traffic lasts; the rollout's closing judgement follows if it
 *                      is still undecided then
 * @param truth         the candidate's truth
 */
record RolloutCell(GateSet gateSet, int rate, long trafficMillis, Truth truth) {

    /** The latency gate of a cell; the error-rate gate ({@link RolloutOptions#ERROR_MARGIN}) is always there too. */
    enum GateSet {

        P50("p50", 50.0, 0.10),
        P99("p99", 99.0, 0.20);

        private final String option;
        private final double percentile;
        private final double margin;

        GateSet(String option, double percentile, double margin) {
            this.option = option;
            this.percentile = percentile;
            this.margin = margin;
        }

        /** Name on the command line ({@code --gates}) and in the table. */
        String option() {
            return option;
        }

        /** The latency gate's margin: the candidate's percentile at most this much above the baseline's. */
        double margin() {
            return margin;
        }

        Gates gates(double confidence) {
            return new Gates(RolloutOptions.MIN_SAMPLES, Map.of(percentile, new LatencyGate(margin, null)),
                    new ErrorRateGate(RolloutOptions.ERROR_MARGIN), confidence);
        }

        String label() {
            return String.format(Locale.ROOT, "%s +%.0f %%, errors +%s pp", option, 100 * margin,
                    RolloutTable.plain(100 * RolloutOptions.ERROR_MARGIN));
        }
    }

    /**
     * How the candidate differs from the baseline (log-normal latency, median
     * {@link RolloutOptions#MEDIAN_MS} ms, σ {@link RolloutOptions#SIGMA}, errors
     * {@link RolloutOptions#BASELINE_ERROR_RATE}), and so which rate of a cell is the claim:
     * <ul>
     * <li>{@link #A_A}: the same version; NO_GO is a false abort (at most 1 − C), GO the right answer;</li>
     * <li>{@link #LATENCY_AT_MARGIN}: every latency quantile exactly (1 + the latency gate's margin)
     *     times the baseline's; GO is a false completion (at most 1 − C);</li>
     * <li>{@link #ERRORS_AT_MARGIN}: the error rate higher by exactly the error gate's margin;
     *     GO is a false completion;</li>
     * <li>{@link #BAD}: twice the latency; NO_GO is the right answer (power, time to abort).</li>
     * </ul>
     */
    enum Truth {

        A_A("aa", "A/A"),
        LATENCY_AT_MARGIN("latency", "latency at the margin"),
        ERRORS_AT_MARGIN("errors", "errors at the margin"),
        BAD("bad", "2× latency");

        private final String option;
        private final String label;

        Truth(String option, String label) {
            this.option = option;
            this.label = label;
        }

        String option() {
            return option;
        }

        String label() {
            return label;
        }

        /** True when a GO is the wrong answer (a false completion). */
        boolean goIsFalse() {
            return this == LATENCY_AT_MARGIN || this == ERRORS_AT_MARGIN;
        }
    }

    /** The staged plan of every cell ({@link RolloutOptions#STAGES}, look, extensions, promoteEarly). */
    Rehearsal plan() {
        return RolloutOptions.plan();
    }

    Gates gates(double confidence) {
        return gateSet.gates(confidence);
    }

    /** The candidate's latency over the baseline's, at every quantile. */
    double candidateScale() {
        return switch (truth) {
            case LATENCY_AT_MARGIN -> 1 + gateSet.margin();
            case BAD -> 2;
            default -> 1;
        };
    }

    double candidateErrorRate() {
        return RolloutOptions.BASELINE_ERROR_RATE + (truth == Truth.ERRORS_AT_MARGIN ? RolloutOptions.ERROR_MARGIN : 0);
    }

    /** The candidate in words, e.g. {@code ×1.10, 0.5 % errors}. */
    String candidate() {
        return String.format(Locale.ROOT, "%s (×%.2f, %s %% errors)", truth.label(), candidateScale(),
                RolloutTable.plain(100 * candidateErrorRate()));
    }

    /** The traffic's length, e.g. {@code 32 s}. */
    String traffic() {
        return Duration.ofMillis(trafficMillis).toSeconds() + " s";
    }

    /**
     * Seeds the simulated traffic: the same for every truth of one gate set, rate and length,
     * so their runs see the same draws with only the candidate changed (common random numbers).
     */
    long family() {
        return ("rollout|" + gateSet + "|" + rate + "|" + trafficMillis).hashCode();
    }

    @Override
    public String toString() {
        return gateSet.option() + " " + rate + "/s " + traffic() + " " + truth.label();
    }
}
