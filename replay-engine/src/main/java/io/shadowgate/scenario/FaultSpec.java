package io.shadowgate.scenario;

import java.time.Duration;

/**
 * A fault a simulated server injects during {@code [at, at + duration)} of its lifetime.
 *
 * @param kind     what goes wrong
 * @param at       when it starts, from the server's start
 * @param duration how long it lasts
 */
public record FaultSpec(FaultKind kind, Duration at, Duration duration) {

    /** Kinds of fault. Later rehearsal work adds error bursts, resets and slow bodies. */
    public enum FaultKind {
        /** The server answers nothing until the stall ends (a GC pause, a lock convoy). */
        STALL
    }
}
