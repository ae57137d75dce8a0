package io.shadowgate.traffic;

import io.shadowgate.scenario.ReplayControls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;


/**
 * A traffic stream with the scenario's replay controls applied, in this order: time window,
 * method and path filters, the side-effect guard, rewrites, then timing (idle gaps capped,
 * speed factor, or a fixed rate), then looping. Requests are renumbered from 0 as they come
 * out, and every request read is counted in exactly one of {@link Stats}'s buckets.
 * Constant memory; single consumer.
 */
public final class ControlledTraffic implements TrafficSource {

    /** Methods that may change state at the target, replayed only where side effects are allowed. */
    public static final Set<String> NON_IDEMPOTENT = Set.of("POST", "PUT", "PATCH", "DELETE");

    /**
     * What happened to the requests read.
     *
     * @param read              requests read from the source (all loops)
     * @param outsideWindow     dropped by {@code from}/{@code to}
     * @param filtered          dropped by the method and path filters
     * @param sideEffectSkipped non-idempotent requests not replayed because a target does not allow side effects
     * @param replayed          requests that came out
     */
    public record Stats(long read, long outsideWindow, long filtered, long sideEffectSkipped, long replayed) {
    }

    private final Supplier<TrafficSource> open;
    private final ReplayControls controls;
    private final boolean sideEffectsAllowed;
    private final boolean readToEnd;
    private final long fromMicros;
    private final long toMicros;
    private final long maxGapMicros;

    private TrafficSource source;
    private int loopsLeft;
    private Request next;
    private boolean pastWindow;
    private long read;
    private long outsideWindow;
    private long filtered;
    private long sideEffectSkipped;
    private long emitted;
    // Timing state: the previous kept request's window-relative offset, and where it was placed.
    private long previousOriginal = -1;
    private double previousPlaced;
    private long loopBase;
    private long lastOffset;
    private long loopStartEmitted;

    /**
     * @param open               opens the underlying stream; called once per loop
     * @param controls           what to do to it
     * @param sideEffectsAllowed whether non-idempotent requests may be replayed
     */
    public ControlledTraffic(Supplier<TrafficSource> open, ReplayControls controls, boolean sideEffectsAllowed) {
        this(open, controls, sideEffectsAllowed, true);
    }

    /**
     * @param readToEnd whether to read past {@code to} to the end of each loop (a scan, which
     *                  hashes and counts everything); a replay stops there instead, since the
     *                  scan has checked the file and reading on would stall the schedule
     */
    public ControlledTraffic(Supplier<TrafficSource> open, ReplayControls controls, boolean sideEffectsAllowed,
                             boolean readToEnd) {
        this.readToEnd = readToEnd;
        this.open = open;
        this.controls = controls;
        this.sideEffectsAllowed = sideEffectsAllowed;
        this.fromMicros = controls.from() == null ? 0 : controls.from().toNanos() / 1_000;
        this.toMicros = controls.to() == null ? Long.MAX_VALUE : controls.to().toNanos() / 1_000;
        this.maxGapMicros = controls.maxGap() == null ? Long.MAX_VALUE : controls.maxGap().toNanos() / 1_000;
        this.loopsLeft = controls.loop() - 1;
        this.source = open.get();
    }

    public Stats stats() {
        return new Stats(read, outsideWindow, filtered, sideEffectSkipped, emitted);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            Request raw = nextRaw();
            if (raw == null) {
                return false;
            }
            next = control(raw);
        }
        return true;
    }

    @Override
    public Request next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Request r = next;
        next = null;
        return r;
    }

    @Override
    public void close() {
        source.close();
    }

    /** The next request inside the window, opening the next loop when one ends; null at the end. */
    private Request nextRaw() {
        while (true) {
            if (!pastWindow && source.hasNext()) {
                Request r = source.next();
                read++;
                if (r.offsetMicros() >= toMicros) {
                    outsideWindow++;
                    drainOutsideWindow();
                    pastWindow = true;
                    continue;
                }
                if (r.offsetMicros() < fromMicros) {
                    outsideWindow++;
                    continue;
                }
                return r;
            }
            if (loopsLeft == 0 || emitted == loopStartEmitted) {
                return null;
            }
            loopsLeft--;
            source.close();
            source = open.get();
            pastWindow = false;
            startLoop();
        }
    }

    /** Past {@code to} nothing more of this loop is wanted; count the rest without keeping it. */
    private void drainOutsideWindow() {
        while (readToEnd && source.hasNext()) {
            source.next();
            read++;
            outsideWindow++;
        }
    }

    /** The next loop starts one average gap after the last request of this one. */
    private void startLoop() {
        long count = emitted - loopStartEmitted;
        long span = lastOffset - loopBase;
        long gap = count > 1 ? span / (count - 1) : 1_000;
        loopBase = lastOffset + Math.max(gap, 1);
        loopStartEmitted = emitted;
        previousOriginal = -1;
        previousPlaced = 0;
    }

    /** Applies filters, guard, rewrites and timing; null when the request is dropped. */
    private Request control(Request r) {
        if (!controls.methods().isEmpty() && !controls.methods().contains(r.method().toUpperCase(Locale.ROOT))
                || !controls.allowPaths().isEmpty() && controls.allowPaths().stream().noneMatch(p -> p.matcher(r.path()).find())
                || controls.denyPaths().stream().anyMatch(p -> p.matcher(r.path()).find())) {
            filtered++;
            return null;
        }
        if (!sideEffectsAllowed && NON_IDEMPOTENT.contains(r.method().toUpperCase(Locale.ROOT))) {
            sideEffectSkipped++;
            return null;
        }
        String path = r.path();
        for (ReplayControls.PathRewrite rewrite : controls.pathRewrites()) {
            path = rewrite.match().matcher(path).replaceAll(rewrite.replace());
        }
        long offset = loopBase + place(r.offsetMicros() - fromMicros);
        lastOffset = offset;
        long id = emitted++;
        String endpoint = path.equals(r.path()) ? r.endpoint() : EndpointNames.of(r.method(), path);
        return new Request(id, offset, endpoint, r.method(), path, headers(r.headers()), r.body(), r.sessionKey(),
                r.recorded());
    }

    /** Where a kept request goes, from its window-relative recorded offset. */
    private long place(long original) {
        if (controls.rate() != null) {
            return Math.round((emitted - loopStartEmitted) * 1_000_000.0 / controls.rate());
        }
        double placed;
        if (previousOriginal < 0) {
            placed = Math.min(original, maxGapMicros) / controls.speed();
        } else {
            long gap = Math.min(original - previousOriginal, maxGapMicros);
            placed = previousPlaced + gap / controls.speed();
        }
        previousOriginal = original;
        previousPlaced = placed;
        return Math.round(placed);
    }

    private List<Header> headers(List<Header> in) {
        if (controls.setHeaders().isEmpty() && controls.removeHeaders().isEmpty()) {
            return in;
        }
        List<Header> out = new ArrayList<>(in.size() + controls.setHeaders().size());
        for (Header h : in) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (!controls.removeHeaders().contains(lower) && controls.setHeaders().keySet().stream().noneMatch(lower::equalsIgnoreCase)) {
                out.add(h);
            }
        }
        controls.setHeaders().forEach((name, value) -> out.add(new Header(name, value)));
        return List.copyOf(out);
    }

}
