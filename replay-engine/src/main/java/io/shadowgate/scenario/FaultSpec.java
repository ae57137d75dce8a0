package io.shadowgate.scenario;

import java.time.Duration;

/**
 * A fault a simulated server injects during {@code [at, at + duration)} of its lifetime.
 *
 * @param kind     what goes wrong
 * @param at       when it starts, from the server's start
 * @param duration how long it lasts
 * @param add      for {@link FaultKind#SLOW}: the latency added to every request arriving in
 *                 the window; {@link Duration#ZERO} for other kinds
 */
public record FaultSpec(FaultKind kind, Duration at, Duration duration, Duration add) {

    /** A fault without added latency. */
    public FaultSpec(FaultKind kind, Duration at, Duration duration) {
        this(kind, at, duration, Duration.ZERO);
    }

    /** Kinds of fault. Later rehearsal work adds error bursts, resets and slow bodies. */
    public enum FaultKind {
        /** The server answers nothing until the stall ends (a GC pause, a lock convoy). */
        STALL,
        /** Every request arriving in the window takes {@code add} longer (a noisy neighbour, a cold cache). */
        SLOW
    }
}
