package io.shadowgate.cli;

import io.shadowgate.replay.Replayer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On Ctrl-C or SIGTERM: stop the schedule and hold the JVM until the reports are written and
 * the summary printed, bounded so a stuck run still exits; then exit with the verdict's code
 * (the JVM's own would be 130 or 143, which CI would not read as a verdict).
 */
final class InterruptHook {

    private InterruptHook() {
    }

    /**
     * @param written   counted down once the reports are written and the summary printed
     * @param exitCode  the code to exit with by then
     * @param timeout   the request timeout: requests in flight end within it
     */
    static Thread install(Replayer replayer, CountDownLatch written, AtomicInteger exitCode, Duration timeout) {
        long waitMillis = timeout.toMillis() + 15_000;
        Thread hook = new Thread(() -> {
            replayer.stop();
            try {
                if (written.await(waitMillis, TimeUnit.MILLISECONDS)) {
                    // Halting inside a shutdown hook is the one way to choose the exit code of a JVM
                    // that a signal is shutting down; everything worth keeping is written by now.
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shadowgate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The run ended on its own: the hook is not needed any more. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and waits for us.
        }
    }
}
