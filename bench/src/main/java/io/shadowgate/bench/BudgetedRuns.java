package io.shadowgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The runs of one calibration cell, spread over a pool's threads within a time budget: no run
 * starts that would likely end after the budget, judged by the slowest run so far. A run must
 * depend only on its number (its seed), never on the thread that runs it. Stateless.
 */
final class BudgetedRuns {

    private BudgetedRuns() {
    }

    /**
     * Runs 0 to {@code runs} − 1 on at most {@code threads} of {@code pool}'s threads.
     *
     * @param remainingNanos what is left of the budget
     * @param cell           names the cell when a run fails
     * @return the results of the runs that finished, in run order; fewer than {@code runs} when
     *         the budget cut the cell
     */
    static <T> List<T> run(ExecutorService pool, int threads, int runs, LongSupplier remainingNanos, IntFunction<T> run,
                           Object cell) {
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(runs);
        AtomicInteger next = new AtomicInteger();
        AtomicLong slowestNanos = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, runs); t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                    if (remainingNanos.getAsLong() < slowestNanos.get()) {
                        return;
                    }
                    long runStart = System.nanoTime();
                    results.set(i, run.apply(i));
                    slowestNanos.accumulateAndGet(System.nanoTime() - runStart, Math::max);
                }
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + cell, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a run of " + cell + " failed: " + e.getCause(), e.getCause());
            }
        }
        List<T> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            done.add(results.get(i));
        }
        return done.stream().filter(Objects::nonNull).toList();
    }
}
