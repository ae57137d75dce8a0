package io.shadowgate.replay;

import io.netty.channel.EventLoop;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * How busy the client event loops were over a replay: each loop thread's CPU time (user and
 * system: on Linux a loop's sends run the loopback target's receive path too, and count) over
 * the wall time. A loop near 1 could not have sent faster: it set the pace, not the targets.
 */
final class LoopCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] threadIds;
    private final long[] cpuAtStart;
    private final long wallAtStart;

    private LoopCpu(long[] threadIds, long[] cpuAtStart, long wallAtStart) {
        this.threadIds = threadIds;
        this.cpuAtStart = cpuAtStart;
        this.wallAtStart = wallAtStart;
    }

    /** Starts measuring {@code loops}; asks each for its thread, on the loop. */
    static LoopCpu start(List<EventLoop> loops) {
        boolean measurable = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        long[] ids = new long[measurable ? loops.size() : 0];
        long[] cpu = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = loops.get(i).submit(() -> Thread.currentThread().getId()).syncUninterruptibly().getNow();
            cpu[i] = THREADS.getThreadCpuTime(ids[i]);
        }
        return new LoopCpu(ids, cpu, System.nanoTime());
    }

    /** The busiest loop's CPU time over the wall time since {@link #start}, 0 to 1; -1 if it cannot be told. */
    double busiest() {
        long wall = System.nanoTime() - wallAtStart;
        double busiest = -1;
        for (int i = 0; i < threadIds.length; i++) {
            long now = THREADS.getThreadCpuTime(threadIds[i]);
            if (now < 0 || cpuAtStart[i] < 0 || wall <= 0) {
                return -1;
            }
            busiest = Math.max(busiest, Math.min(1.0, (now - cpuAtStart[i]) / (double) wall));
        }
        return busiest;
    }
}
