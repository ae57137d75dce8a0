package io.shadowgate.sim;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.FaultSpec.FaultKind;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The faults that hit requests one by one: every kind but {@link FaultKind#STALL} (see
 * {@link StallSchedule}). A fault acts on a request arriving in {@code [at, at + duration)},
 * with probability {@code fraction}; overlapping slowdowns add up. Times are nanoseconds since
 * the fault clock's origin, so tests drive it without a clock. Immutable and shared; callers
 * pass their own random generator, which is drawn from only for faults active at the arrival
 * with a fraction below 1, so a run without faults draws exactly what it drew before.
 */
final class RequestFaults {

    static final RequestFaults NONE = new RequestFaults(List.of());

    /** A fault with its window in nanoseconds, {@code start <= t < end}, saturated rather than overflowing. */
    private record Window(FaultSpec fault, long start, long end) {
        boolean holds(long t) {
            return t >= start && t < end;
        }
    }

    private final List<Window> windows;

    private RequestFaults(List<Window> windows) {
        this.windows = windows;
    }

    /** Every fault of {@code faults} but the stalls. */
    static RequestFaults of(List<FaultSpec> faults) {
        if (faults == null) {
            return NONE;
        }
        return new RequestFaults(faults.stream()
                .filter(f -> f.kind() != FaultKind.STALL)
                .map(f -> {
                    long start = Nanos.of(f.at());
                    return new Window(f, start, Nanos.add(start, Nanos.of(f.duration())));
                })
                .toList());
    }

    /**
     * Whether {@code errors} faults may fail this request: all but {@code GET /healthz}, so that
     * health checks keep passing and the failure shows where the traffic is, not in the
     * orchestrator restarting the service.
     */
    static boolean errorsApply(String method, String uri) {
        return !("GET".equals(method) && ModelApi.HEALTH_PATH.equals(new QueryStringDecoder(uri).path()));
    }

    /** What the faults do to a request arriving {@code arrivalNanos} after the fault clock's origin. */
    FaultEffect draw(long arrivalNanos, RandomGenerator rng, boolean errorsApply) {
        boolean hang = false;
        boolean reset = false;
        int status = 0;
        long added = 0;
        long trickle = 0;
        boolean hit = false;
        for (Window w : windows) {
            FaultSpec f = w.fault();
            if (!w.holds(arrivalNanos) || (f.kind() == FaultKind.ERRORS && !errorsApply)) {
                continue;
            }
            if (f.fraction() < 1 && rng.nextDouble() >= f.fraction()) {
                continue;
            }
            hit = true;
            switch (f.kind()) {
                case SLOW -> added = Nanos.add(added, Nanos.of(f.add()));
                case SLOW_BODY -> trickle = Nanos.add(trickle, Nanos.of(f.add()));
                case ERRORS -> status = status == 0 ? f.status() : status;
                case RESET -> reset = true;
                case HANG -> hang = true;
                case STALL -> throw new IllegalStateException("stalls are not request faults");
            }
        }
        return hit ? new FaultEffect(hang, reset, status, added, trickle) : FaultEffect.NONE;
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }
}
