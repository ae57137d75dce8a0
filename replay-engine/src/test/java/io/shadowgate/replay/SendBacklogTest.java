package io.shadowgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The scheduler's wait, with real threads: who may hold it back, and what lets it go on. */
class SendBacklogTest {

    @Test
    void oneTargetFarBehindDoesNotHoldTheSchedulerBack() {
        SendBacklog backlog = new SendBacklog(2, 100);
        backlog.added(0, 10);
        backlog.added(1, 5_000);

        long start = System.nanoTime();
        backlog.awaitRoom(() -> false);

        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void everyTargetBehindHoldsItUntilOneIsDownToHalfTheBound() throws Exception {
        SendBacklog backlog = new SendBacklog(2, 100);
        backlog.added(0, 150);
        backlog.added(1, 150);
        CompletableFuture<Void> scheduler = CompletableFuture.runAsync(() -> backlog.awaitRoom(() -> false));
        Thread.sleep(50);
        assertThat(scheduler).isNotDone();

        // Target 0 written down to the bound and a little below, target 1 not at all: still waiting.
        for (int i = 0; i < 99; i++) {
            backlog.left(0);
        }
        Thread.sleep(100);
        assertThat(scheduler).isNotDone();
        backlog.left(0);

        scheduler.get(5, TimeUnit.SECONDS);
        assertThat(backlog.unwritten(0)).isEqualTo(50);
        assertThat(backlog.unwritten(1)).isEqualTo(150);
    }

    @Test
    void aStoppedRunIsNotHeldBack() throws Exception {
        SendBacklog backlog = new SendBacklog(1, 10);
        backlog.added(0, 20);
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<Void> scheduler = CompletableFuture.runAsync(() -> backlog.awaitRoom(stopped::get));
        Thread.sleep(50);
        assertThat(scheduler).isNotDone();

        stopped.set(true);

        scheduler.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBoundTooSmallToHalveIsRefused() {
        assertThatThrownBy(() -> new SendBacklog(2, 1)).hasMessageContaining("at least 2, was 1");
    }
}
