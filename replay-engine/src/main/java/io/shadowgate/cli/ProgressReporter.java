package io.shadowgate.cli;

import io.shadowgate.metrics.LiveFigures;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Shows a run's progress on stderr while it lasts, from its own daemon thread: on a terminal
 * one line rewritten in place (bar, elapsed and ETA, sent, in flight, errors and the last
 * interval's p99 per target), otherwise a plain line every ten seconds for logs and CI, and
 * nothing when quiet. {@link #close()} stops the thread; on a terminal it leaves the final
 * figures on their own line. The lines are pure functions of the figures, tested without a
 * clock: {@link #terminalLine}, {@link #plainLine}.
 */
final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    enum Style {
        /** Nothing ({@code --quiet}). */
        OFF,
        /** One line rewritten with a carriage return, twice a second. */
        TERMINAL,
        /** A plain line every ten seconds. */
        PLAIN;

        /** OFF when quiet, TERMINAL when the process runs at a terminal ({@code System.console()}), else PLAIN. */
        static Style detect(boolean quiet) {
            if (quiet) {
                return OFF;
            }
            return System.console() != null ? TERMINAL : PLAIN;
        }
    }

    static final long TERMINAL_INTERVAL_MILLIS = 500;
    static final long PLAIN_INTERVAL_MILLIS = 10_000;
    /** Cells of the bar when the line has room for it. */
    static final int BAR_CELLS = 20;
    /** Below this many cells the bar is left out rather than squeezed. */
    static final int MIN_BAR_CELLS = 8;

    private final Style style;
    private final PrintWriter err;
    private final Supplier<LiveFigures> live;
    private final RunPlan plan;
    private final int width;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    /** Length of the line last written in place, so a shorter one can blank its tail. Progress thread, then closer. */
    private int lastLength;
    private boolean closed;

    private ProgressReporter(Style style, PrintWriter err, Supplier<LiveFigures> live, RunPlan plan, long intervalMillis,
                             int width) {
        this.style = style;
        this.err = err;
        this.live = live;
        this.plan = plan;
        this.width = width;
        if (style == Style.OFF) {
            this.thread = null;
            return;
        }
        this.thread = new Thread(() -> loop(intervalMillis), "shadowgate-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts showing progress in {@code style} on {@code err}; on a terminal, as wide as the terminal. */
    static ProgressReporter start(Style style, PrintWriter err, Supplier<LiveFigures> live, RunPlan plan) {
        return switch (style) {
            case OFF -> new ProgressReporter(style, err, live, plan, 0, 0);
            case TERMINAL -> new ProgressReporter(style, err, live, plan, TERMINAL_INTERVAL_MILLIS, terminalWidth());
            case PLAIN -> new ProgressReporter(style, err, live, plan, PLAIN_INTERVAL_MILLIS, 0);
        };
    }

    /** As {@link #start(Style, PrintWriter, Supplier, RunPlan)} with a chosen interval and terminal width (tests). */
    static ProgressReporter start(Style style, PrintWriter err, Supplier<LiveFigures> live, RunPlan plan,
                                  long intervalMillis, int width) {
        return new ProgressReporter(style, err, live, plan, intervalMillis, width);
    }

    /**
     * The terminal's columns: {@code COLUMNS} when exported, else as picocli detects them (it asks
     * {@code stty}/{@code tput}, bounded in time; never below its minimum of 55, 80 if it cannot tell).
     */
    static int terminalWidth() {
        Integer columns = columns(System.getenv("COLUMNS"));
        return columns != null ? columns : new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
    }

    /** {@code COLUMNS} as a width, or null when unset or not a positive number. */
    static Integer columns(String value) {
        try {
            int n = value == null ? 0 : Integer.parseInt(value.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void loop(long intervalMillis) {
        try {
            while (!stop.await(intervalMillis, TimeUnit.MILLISECONDS)) {
                show();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void show() {
        LiveFigures figures;
        try {
            figures = live.get();
        } catch (RuntimeException e) {
            return; // progress is a courtesy: never let it disturb the run or print a stack trace
        }
        if (style == Style.TERMINAL) {
            String line = terminalLine(figures, plan, width);
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(plainLine(figures, plan));
        }
        err.flush();
    }

    boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Stops the thread; on a terminal, writes the final figures and ends their line. Idempotent. */
    @Override
    public void close() {
        if (thread == null || closed) {
            return;
        }
        closed = true;
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (style == Style.TERMINAL) {
            show();
            err.println();
            err.flush();
        }
    }

    /**
     * The line shown on a terminal, at most {@code width - 1} characters (writing the last column
     * makes some terminals wrap). The bar goes first when room runs short, then the line is cut.
     * <pre>[########............]  42%  0:12 ETA 0:17  sent 5,012  baseline: 3 in flight, 0 err, p99 12.3 ms  candidate: ...</pre>
     */
    static String terminalLine(LiveFigures f, RunPlan plan, int width) {
        StringBuilder tail = new StringBuilder();
        tail.append(String.format(Locale.ROOT, "%3d%%", percent(f, plan)))
                .append("  ").append(clock(f.elapsedMillis()))
                .append(" ETA ").append(clock(plan.remainingMillis(f.elapsedMillis())));
        boolean sameSent = sameSent(f.targets());
        if (sameSent && !f.targets().isEmpty()) {
            tail.append("  sent ").append(count(f.targets().get(0).sent()));
        }
        for (LiveFigures.Target t : f.targets()) {
            tail.append("  ").append(t.target()).append(": ");
            if (!sameSent) {
                tail.append(count(t.sent())).append(" sent, ");
            }
            tail.append(count(t.inFlight())).append(" in flight, ").append(count(t.errors())).append(" err, p99 ")
                    .append(millis(t.p99Millis()));
        }
        int room = width - 1;
        int cells = Math.min(BAR_CELLS, room - tail.length() - 3);
        if (cells >= MIN_BAR_CELLS) {
            return bar(plan.done(f.scheduled()), cells) + " " + tail;
        }
        if (tail.length() <= room) {
            return tail.toString();
        }
        return room <= 3 ? tail.substring(0, Math.max(0, room)) : tail.substring(0, room - 3) + "...";
    }

    /**
     * The line written every ten seconds when stderr is not a terminal; every figure, no width limit.
     * <pre>progress  42% (5,012 of 12,000 requests), 0:12 elapsed, ETA 0:17 | baseline: 5,012 sent, 3 in flight, 0 errors, p99 12.3 ms | ...</pre>
     */
    static String plainLine(LiveFigures f, RunPlan plan) {
        StringBuilder b = new StringBuilder("progress ");
        b.append(String.format(Locale.ROOT, "%3d%%", percent(f, plan)))
                .append(" (").append(count(f.scheduled())).append(" of ").append(count(plan.requests())).append(" requests), ")
                .append(clock(f.elapsedMillis())).append(" elapsed, ETA ")
                .append(clock(plan.remainingMillis(f.elapsedMillis())));
        for (LiveFigures.Target t : f.targets()) {
            b.append(" | ").append(t.target()).append(": ").append(count(t.sent())).append(" sent, ")
                    .append(count(t.inFlight())).append(" in flight, ").append(count(t.errors()))
                    .append(t.errors() == 1 ? " error" : " errors").append(", p99 ").append(millis(t.p99Millis()));
        }
        return b.toString();
    }

    private static boolean sameSent(List<LiveFigures.Target> targets) {
        return targets.stream().mapToLong(LiveFigures.Target::sent).distinct().count() <= 1;
    }

    /** Whole percent scheduled, rounded down so 100 % means every request is out. */
    private static int percent(LiveFigures f, RunPlan plan) {
        return (int) Math.floor(plan.done(f.scheduled()) * 100);
    }

    private static String bar(double done, int cells) {
        int full = (int) Math.floor(done * cells);
        return "[" + "#".repeat(full) + ".".repeat(cells - full) + "]";
    }

    /** m:ss, or h:mm:ss from an hour. */
    static String clock(long millis) {
        long s = Math.max(0, millis) / 1_000;
        if (s >= 3_600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3_600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Three significant figures or so; "-" when the last interval had nothing to measure. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        String pattern = ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms";
        return String.format(Locale.ROOT, pattern, ms);
    }
}
