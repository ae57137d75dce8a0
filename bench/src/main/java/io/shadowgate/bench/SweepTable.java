package io.shadowgate.bench;

import java.util.Locale;

/**
 * The sweep's tables as fixed-width text: one row per run as it finishes, then one row of
 * medians per rate. Presentation only; the numbers come from {@link RateResult} and
 * {@link RateMedians}.
 */
final class SweepTable {

    static final String LEGEND = String.format(Locale.ROOT, """
            columns: rate = paired requests/s asked (to EACH target); achieved = scheduled / elapsed;
              lateness = actual minus intended send, ms, worse of the two targets;
              cand lat p99 = candidate latency from the intended send, ms; cand svc p99 = from the actual send, ms;
              adds up = every request has one outcome per target; err = 5xx + timeouts + connection errors + not sent, both targets;
              cores = process CPU time / wall time; CPU us/req = process CPU per paired request (one request to each target),
              split into sched (the thread pacing the schedule) / client (replayer event loops + metrics sampler) /
              other (GC, JIT, the rest); target = the targets' CPU per paired request: both simulated servers (in this
              process, part of CPU us/req), or the --target-pids processes (outside it); gc ms = GC time during the run;
              elsewhere = cores used by OTHER processes meanwhile (/proc/[pid]/stat, polled); above %.1f the run shared the
              machine and is marked '*'; in the medians, shared = how many of the runs were marked.""", SweepOptions.SHARED_CORES);

    private static final String COLUMNS = "%5s %7s %10s %8s %8s %10s %12s %12s %7s %6s %6s %10s %6s %6s %6s %6s %6s %10s";

    private SweepTable() {
    }

    static String runHeader() {
        return String.format(Locale.ROOT, COLUMNS, "pass", "rate/s", "achieved/s", "late p50", "late p99", "late p99.9",
                "cand lat p99", "cand svc p99", "adds up", "err", "cores", "CPU us/req", "sched", "client", "target",
                "other", "gc ms", "elsewhere");
    }

    static String run(RateResult r) {
        String pass = r.pass() == 0 ? "warm" : String.valueOf(r.pass());
        if (!r.measured()) {
            return String.format(Locale.ROOT, "%5s %7d  FAILED: %s", pass, r.rate(), r.problem());
        }
        String row = String.format(Locale.ROOT, COLUMNS, pass, r.rate(), f0(r.achievedRate()), f3(r.latenessP50()),
                f3(r.latenessP99()), f3(r.latenessP999()), f3(r.latencyP99()), f3(r.serviceP99()),
                r.addsUp() ? "yes" : "NO", String.valueOf(r.errors() + r.notSent()), f2(r.cpu().cores()),
                f1(r.cpuMicrosPerRequest()), f1(r.perRequest(r.cpu().schedulerNanos())),
                f1(r.perRequest(r.cpu().clientNanos())), f1(r.perRequest(r.cpu().targetNanos())),
                f1(r.perRequest(r.cpu().otherNanos())), String.valueOf(r.cpu().gcMillis()),
                f2(r.cpu().elsewhereCores()) + (r.shared() ? "*" : " "));
        return r.problem() == null ? row : row + "\n      ^ " + r.problem();
    }

    static String medianHeader() {
        return String.format(Locale.ROOT, COLUMNS, "runs", "rate/s", "achieved/s", "late p50", "late p99", "late p99.9",
                "cand lat p99", "cand svc p99", "adds up", "errmax", "cores", "CPU us/req", "sched", "client", "target",
                "other", "gc ms", "shared");
    }

    static String median(RateMedians m) {
        String addsUp = m.addsUpRuns() == m.runs() ? "yes" : "NO " + (m.runs() - m.addsUpRuns()) + "/" + m.runs();
        String row = String.format(Locale.ROOT, COLUMNS, String.valueOf(m.runs()), m.rate(), f0(m.achievedRate()),
                f3(m.latenessP50()), f3(m.latenessP99()), f3(m.latenessP999()), f3(m.latencyP99()), f3(m.serviceP99()),
                addsUp, String.valueOf(m.worstErrors()), f2(m.cores()), f1(m.cpuMicros()), f1(m.schedulerMicros()),
                f1(m.clientMicros()), f1(m.targetMicros()), f1(m.otherMicros()), f0(m.gcMillis()),
                m.sharedRuns() + "/" + (m.runs() - m.failedRuns()));
        return m.failedRuns() == 0 ? row : row + "  (" + m.failedRuns() + " run(s) failed)";
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
