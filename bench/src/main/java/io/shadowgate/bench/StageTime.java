package io.shadowgate.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * One stage's measurement: wall time, CPU time, the heap's peak while it ran, and the heap
 * still in use after it (after a full GC, outside the timed span: what the stage left alive).
 * CPU time is the whole process's (every thread, the JIT compiler and the GC included): on a
 * shared machine it moves less than wall time when others take the cores.
 *
 * @param seconds    wall-clock time of the stage
 * @param cpuSeconds CPU time of the process during the stage, NaN when not known
 * @param peakBytes  the sum of the heap pools' peaks during the stage (garbage not yet collected included)
 * @param liveBytes  heap in use after the stage and a full GC
 */
record StageTime(double seconds, double cpuSeconds, long peakBytes, long liveBytes) {

    /** Something to time that may fail. */
    interface Work<T> {
        T run() throws Exception;
    }

    /** A measured stage and what it returned. */
    record Timed<T>(StageTime time, T value) {
    }

    /** Runs {@code work} and measures it; the heap peaks are reset first. */
    static <T> Timed<T> of(Work<T> work) throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        T value = work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Timed<>(new StageTime(seconds, cpuSeconds, peak, live), value);
    }
}
