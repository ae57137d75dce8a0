package io.shadowgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How much CPU every other process on the machine has used since this was started: user plus
 * system time from {@code /proc/[pid]/stat} (USER_HZ ticks of 10 ms, which the kernel derives
 * from its precise per-task runtime). A daemon thread polls every {@link #POLL_MILLIS}, so a
 * build or test JVM that starts and ends between two of our snapshots is still counted (up
 * to its last poll). The machine-wide {@code /proc/stat} is not used: it samples busy time at
 * timer ticks, and on this kind of VM it misses much of the short bursts a replayer is made of.
 * It also remembers the last few seconds, so {@link #recentCores} can say at once whether the
 * machine is busy. Linux only; elsewhere {@link #cumulativeNanos()} is -1. Thread-safe.
 */
final class OtherProcesses implements AutoCloseable {

    static final long POLL_MILLIS = 250;

    /** How far back {@link #recentCores} can look. */
    static final long HISTORY_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final long self = ProcessHandle.current().pid();
    /** Processes serving the target: counted apart, since the run makes them busy. */
    private final Set<Long> targets;
    private long targetTicks;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    /** (nanoTime, cumulative ticks) after each poll, oldest first, spanning {@link #HISTORY_NANOS}. */
    private final ArrayDeque<long[]> history = new ArrayDeque<>();
    private long cumulativeTicks;
    private boolean available = true;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-sweep-other-processes");
        t.setDaemon(true);
        return t;
    });

    OtherProcesses(Set<Long> targets) {
        this.targets = Set.copyOf(targets);
        poll();
        // Processes alive now count from here, not from their birth.
        cumulativeTicks = 0;
        targetTicks = 0;
        history.clear();
        poller.scheduleAtFixedRate(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Cores other processes kept busy over about the last {@code windowNanos} (at most
     * {@link #HISTORY_NANOS}), from the polls already made; NaN if unknown or too early to say.
     */
    synchronized double recentCores(long windowNanos) {
        if (!available || history.size() < 2) {
            return Double.NaN;
        }
        long[] newest = history.peekLast();
        long[] from = null;
        for (long[] point : history) {
            if (newest[0] - point[0] <= windowNanos) {
                from = point;
                break;
            }
        }
        if (from == null || from == newest) {
            return Double.NaN;
        }
        return (newest[1] - from[1]) * 10_000_000.0 / (newest[0] - from[0]);
    }

    /** CPU nanoseconds used since construction by the target's processes and by every other; -1 where unknown. */
    record Totals(long elsewhereNanos, long targetNanos) {
    }

    /** What other processes have used so far, as of now. */
    synchronized Totals totals() {
        poll();
        return available ? new Totals(cumulativeTicks * 10_000_000L, targetTicks * 10_000_000L) : new Totals(-1, -1);
    }

    private synchronized void poll() {
        if (!available) {
            return;
        }
        Map<Long, Long> seen = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != self) {
                    long ticks = ticks(dir);
                    if (ticks >= 0) {
                        seen.put(pid, ticks);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            available = false;
            return;
        }
        for (Map.Entry<Long, Long> e : seen.entrySet()) {
            // A process first seen now was born since the last poll: all its time is new.
            long ticks = Math.max(0, e.getValue() - lastTicks.getOrDefault(e.getKey(), 0L));
            if (targets.contains(e.getKey())) {
                targetTicks += ticks;
            } else {
                cumulativeTicks += ticks;
            }
        }
        lastTicks.clear();
        lastTicks.putAll(seen);
        long now = System.nanoTime();
        history.addLast(new long[] {now, cumulativeTicks});
        while (now - history.peekFirst()[0] > HISTORY_NANOS) {
            history.removeFirst();
        }
    }

    /** utime + stime of one process, or -1 if it ended while we looked. */
    private static long ticks(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // After the parenthesised command name: state is field 3, utime field 14, stime field 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
