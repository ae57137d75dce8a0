package io.shadowgate.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CPU time over an interval, split by who spent it: in this process, the thread that runs the
 * schedule (the one taking the snapshots), the replayer's other threads ({@code shadowgate-*}:
 * client event loops, metrics sampler), the simulated servers ({@code sim-*}) and the rest (GC,
 * JIT compilers); outside it, every other process, so a run that shared the cores says so.
 * Take a {@link Snapshot} before and after; {@link #between} says what the interval cost.
 * Call from the scheduler thread only.
 */
final class CpuMeter implements AutoCloseable {

    /** Who a thread works for. */
    enum Role { SCHEDULER, CLIENT, SIM, OTHER }

    /** CPU nanoseconds of one thread at one instant. */
    record ThreadCpu(Role role, long nanos) {
    }

    /** Process and per-thread CPU at one instant, and other processes' CPU so far. */
    record Snapshot(long wallNanos, long processNanos, long gcMillis, Map<Long, ThreadCpu> threads,
                    OtherProcesses.Totals others) {
    }

    /**
     * What one interval cost, in CPU nanoseconds. {@link #otherNanos} is this process's total
     * minus the three named roles: GC and JIT threads, and any named thread that ended in the
     * interval. {@code targetProcessNanos} is what the target's own processes used (an external
     * target), {@code elsewhereNanos} what every other process used; -1 where unknown.
     */
    record Usage(long wallNanos, long processNanos, long schedulerNanos, long clientNanos, long simNanos, long gcMillis,
                 long targetProcessNanos, long elsewhereNanos) {

        long otherNanos() {
            return Math.max(0, processNanos - schedulerNanos - clientNanos - simNanos);
        }

        /** The targets' CPU: the simulated servers' threads, or the external target's processes. */
        long targetNanos() {
            return simNanos + Math.max(0, targetProcessNanos);
        }

        /** Average number of cores this process kept busy over the interval. */
        double cores() {
            return wallNanos == 0 ? 0 : (double) processNanos / wallNanos;
        }

        /**
         * Cores kept busy by other processes over the interval (to 10 ms per process); NaN
         * where unknown. Anything well above zero means the run shared the machine.
         */
        double elsewhereCores() {
            return elsewhereNanos < 0 || wallNanos == 0 ? Double.NaN : (double) elsewhereNanos / wallNanos;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final OtherProcesses otherProcesses;

    /** {@code targetPids}: the processes of an external target, whose CPU is the target's. */
    CpuMeter(Set<Long> targetPids) {
        this.otherProcesses = new OtherProcesses(targetPids);
        if (threadBean.isThreadCpuTimeSupported() && !threadBean.isThreadCpuTimeEnabled()) {
            threadBean.setThreadCpuTimeEnabled(true);
        }
    }

    Snapshot snapshot() {
        long wall = System.nanoTime();
        long process = os.getProcessCpuTime();
        long self = Thread.currentThread().getId();
        Map<Long, ThreadCpu> perThread = new HashMap<>();
        long[] ids = threadBean.getAllThreadIds();
        ThreadInfo[] infos = threadBean.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threadBean.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                perThread.put(ids[i], new ThreadCpu(role(ids[i] == self, infos[i].getThreadName()), cpu));
            }
        }
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        return new Snapshot(wall, process, gc, perThread, otherProcesses.totals());
    }

    /** Cores other processes kept busy over about the last second; NaN if unknown. */
    double elsewhereCoresLastSecond() {
        return otherProcesses.recentCores(TimeUnit.SECONDS.toNanos(1));
    }

    private static Role role(boolean self, String name) {
        if (self) {
            return Role.SCHEDULER;
        } else if (name.startsWith("shadowgate-")) {
            return Role.CLIENT;
        } else if (name.startsWith("sim-")) {
            return Role.SIM;
        }
        return Role.OTHER;
    }

    @Override
    public void close() {
        otherProcesses.close();
    }

    /** The cost of the interval between two snapshots; a thread born in between counts from zero. */
    static Usage between(Snapshot before, Snapshot after) {
        long[] byRole = new long[Role.values().length];
        for (Map.Entry<Long, ThreadCpu> e : after.threads().entrySet()) {
            ThreadCpu earlier = before.threads().get(e.getKey());
            long delta = e.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
            byRole[e.getValue().role().ordinal()] += Math.max(0, delta);
        }
        return new Usage(after.wallNanos() - before.wallNanos(), after.processNanos() - before.processNanos(),
                byRole[Role.SCHEDULER.ordinal()], byRole[Role.CLIENT.ordinal()], byRole[Role.SIM.ordinal()],
                after.gcMillis() - before.gcMillis(),
                delta(before.others().targetNanos(), after.others().targetNanos()),
                delta(before.others().elsewhereNanos(), after.others().elsewhereNanos()));
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
