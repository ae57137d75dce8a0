package io.shadowgate.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault a simulated server or the fault proxy injects during {@code [at, at + duration)} of
 * its fault clock (the schedule's start in a run; the moment the proxy starts listening).
 * Except for {@link FaultKind#STALL}, which holds every response, a fault hits a
 * {@code fraction} of the requests arriving in the window, drawn from the server's seeded
 * random stream.
 *
 * @param kind     what goes wrong
 * @param at       when it starts, from the fault clock's origin
 * @param duration how long it lasts
 * @param add      for {@link FaultKind#SLOW}: the latency added to a request; for
 *                 {@link FaultKind#SLOW_BODY}: how long its body takes to arrive after the
 *                 headers; {@link Duration#ZERO} for other kinds
 * @param fraction share of the requests arriving in the window that the fault hits, in (0, 1];
 *                 always 1 for {@link FaultKind#STALL}
 * @param status   for {@link FaultKind#ERRORS}: the status answered (400..599); 0 for other kinds
 */
public record FaultSpec(FaultKind kind, Duration at, Duration duration, Duration add, double fraction, int status) {

    /** Status of an {@code errors} fault that names none: Service Unavailable, what an overloaded service says. */
    public static final int DEFAULT_ERROR_STATUS = 503;

    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        add = add == null ? Duration.ZERO : add;
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1] (was " + fraction + ")");
        }
        if (kind == FaultKind.ERRORS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status of an errors fault must be 400..599 (was " + status + ")");
        }
    }

    /** A fault hitting every request, without added latency; an {@code errors} one answers 503. */
    public FaultSpec(FaultKind kind, Duration at, Duration duration) {
        this(kind, at, duration, Duration.ZERO);
    }

    /** A fault hitting every request; an {@code errors} one answers 503. */
    public FaultSpec(FaultKind kind, Duration at, Duration duration, Duration add) {
        this(kind, at, duration, add, 1.0, kind == FaultKind.ERRORS ? DEFAULT_ERROR_STATUS : 0);
    }

    /** The fault in words, e.g. {@code errors at 10s for 5s: 50% of requests answered 503}. */
    public String describe() {
        String window = kind.yamlName() + " at " + text(at) + " for " + text(duration);
        String share = fraction == 1 ? "every request" : percent(fraction) + " of requests";
        return window + ": " + switch (kind) {
            case STALL -> "every response due in the window held until it ends";
            case SLOW -> share + " " + text(add) + " slower";
            case ERRORS -> share + " answered " + status;
            case RESET -> share + " reset";
            case HANG -> share + " never answered";
            case SLOW_BODY -> share + " with the body spread over " + text(add);
        };
    }

    private static String text(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds() + "s";
        }
        BigDecimal millis = BigDecimal.valueOf(d.getSeconds()).scaleByPowerOfTen(3).add(BigDecimal.valueOf(d.getNano(), 6));
        return millis.stripTrailingZeros().toPlainString() + "ms";
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }

    /** Kinds of fault; {@link #yamlName()} is how a file spells each. */
    public enum FaultKind {
        /** The server answers nothing until the stall ends (a GC pause, a lock convoy). */
        STALL,
        /** A request takes {@code add} longer (a noisy neighbour, a cold cache). */
        SLOW,
        /**
         * A request is answered with {@code status} instead of its answer (an error burst). Every
         * request but {@code GET /healthz}, so health checks keep passing while the service fails.
         */
        ERRORS,
        /** The connection is reset (a TCP RST) instead of answering (a crashing process, a flapping load balancer). */
        RESET,
        /** The request is never answered; the client's timeout is the only way out (a deadlock, a black hole). */
        HANG,
        /** The headers leave on time, the body trickles in over {@code add} (a congested link, a slow stream). */
        SLOW_BODY;

        /** The file spelling: {@code stall}, {@code slow-body}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
