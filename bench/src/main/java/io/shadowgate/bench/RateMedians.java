package io.shadowgate.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs at one paired rate reduced to medians, column by column (so one row may mix
 * values from different runs). Counts are not medians: {@code addsUpRuns} says in how many
 * runs the outcomes added up, errors are the worst run's, and {@code sharedRuns} counts runs
 * during which other processes used the cores ({@link RateResult#shared()}). Runs that produced no
 * measurement are counted in {@code failedRuns} and left out of the medians.
 */
record RateMedians(
        int rate,
        int runs,
        int failedRuns,
        double achievedRate,
        double latenessP50,
        double latenessP99,
        double latenessP999,
        double latencyP99,
        double serviceP99,
        int addsUpRuns,
        double worstErrorShare,
        long worstErrors,
        double cores,
        double cpuMicros,
        double schedulerMicros,
        double clientMicros,
        double targetMicros,
        double otherMicros,
        double gcMillis,
        double elsewhereCores,
        int sharedRuns) {

    static RateMedians of(int rate, List<RateResult> runs) {
        List<RateResult> ok = runs.stream().filter(RateResult::measured).toList();
        return new RateMedians(rate, runs.size(), runs.size() - ok.size(),
                median(ok, RateResult::achievedRate),
                median(ok, RateResult::latenessP50),
                median(ok, RateResult::latenessP99),
                median(ok, RateResult::latenessP999),
                median(ok, RateResult::latencyP99),
                median(ok, RateResult::serviceP99),
                (int) runs.stream().filter(RateResult::addsUp).count(),
                runs.stream().mapToDouble(RateResult::errorShare).max().orElse(Double.NaN),
                runs.stream().mapToLong(r -> r.errors() + r.notSent()).max().orElse(0),
                median(ok, r -> r.cpu().cores()),
                median(ok, RateResult::cpuMicrosPerRequest),
                median(ok, r -> r.perRequest(r.cpu().schedulerNanos())),
                median(ok, r -> r.perRequest(r.cpu().clientNanos())),
                median(ok, r -> r.perRequest(r.cpu().targetNanos())),
                median(ok, r -> r.perRequest(r.cpu().otherNanos())),
                median(ok, r -> r.cpu().gcMillis()),
                median(ok, r -> r.cpu().elsewhereCores()),
                (int) ok.stream().filter(RateResult::shared).count());
    }

    /** Within every bound: median lateness p99 below {@code latenessMs}, all counts add up, errors at most the share. */
    boolean good(double latenessMs, double maxErrorShare) {
        return failedRuns == 0 && addsUpRuns == runs && latenessP99 < latenessMs && worstErrorShare <= maxErrorShare;
    }

    static double median(List<RateResult> runs, ToDoubleFunction<RateResult> metric) {
        return Medians.of(runs.stream().mapToDouble(metric).toArray());
    }
}
