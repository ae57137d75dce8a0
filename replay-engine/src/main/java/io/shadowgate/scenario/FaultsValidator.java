package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.FaultSpec.FaultKind;
import io.shadowgate.scenario.ScenarioDocument.FaultDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one list of faults, a simulated target's {@code faults:} or the fault proxy's faults
 * file, and builds {@link FaultSpec}s from it.
 *
 * <pre>{@code
 * - kind: errors       # stall | slow | errors | reset | hang | slow-body (any case); required
 *   at: 10s            # >= 0, from the fault clock's origin; required
 *   duration: 5s       # > 0; required
 *   fraction: 50%      # share of the requests arriving in the window hit, in (0, 100%]; default
 *                      #   100%; not for stall, which holds every response
 *   status: 502        # errors only: 400..599, default 503
 *   add: 20ms          # slow and slow-body only, required there, > 0: the latency added (slow),
 *                      #   the time the body takes after the headers (slow-body)
 * }</pre>
 */
final class FaultsValidator {

    /** A faults file on its own, for the fault proxy: {@code faults: [...]}. */
    record FaultsFileDoc(List<FaultDoc> faults) {
    }

    private final FieldChecks check;

    FaultsValidator(FieldChecks check) {
        this.check = check;
    }

    /** The faults of the list at {@code path}; null (absent) is no faults. */
    List<FaultSpec> faults(String path, List<FaultDoc> docs) throws ScenarioException {
        if (docs == null) {
            return List.of();
        }
        List<FaultSpec> faults = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            faults.add(fault(item(path, i), docs.get(i)));
        }
        return List.copyOf(faults);
    }

    private FaultSpec fault(String path, FaultDoc doc) throws ScenarioException {
        if (doc == null) {
            throw check.invalid(path, "empty fault; expected a mapping with kind, at and duration "
                    + "(and add for kinds slow and slow-body)");
        }
        FaultKind kind = check.choice(child(path, "kind"), check.required(path, "kind", doc.kind()),
                FaultKind.class, FaultKind::yamlName);
        Duration at = check.duration(child(path, "at"), check.required(path, "at", doc.at()));
        Duration duration = check.positiveDuration(child(path, "duration"),
                check.required(path, "duration", doc.duration()));
        return new FaultSpec(kind, at, duration, add(path, kind, doc.add()), fraction(path, kind, doc.fraction()),
                status(path, kind, doc.status()));
    }

    private Duration add(String path, FaultKind kind, String text) throws ScenarioException {
        if (kind == FaultKind.SLOW || kind == FaultKind.SLOW_BODY) {
            String why = kind == FaultKind.SLOW
                    ? "required for kind slow: the latency added, e.g. 20ms"
                    : "required for kind slow-body: how long the body takes after the headers, e.g. 2s";
            return check.positiveDuration(child(path, "add"), check.required(path, "add", text, why));
        }
        if (text != null) {
            throw check.invalid(child(path, "add"), "only faults of kind slow and slow-body take add; a "
                    + kind.yamlName() + " fault adds no latency");
        }
        return Duration.ZERO;
    }

    private double fraction(String path, FaultKind kind, String text) throws ScenarioException {
        if (text == null) {
            return 1.0;
        }
        String at = child(path, "fraction");
        if (kind == FaultKind.STALL) {
            throw check.invalid(at, "a stall holds every response, so it takes no fraction");
        }
        double fraction = check.probability(at, text);
        if (fraction == 0) {
            throw check.invalid(at, "must be greater than 0, found '" + text + "' (a fault that hits nothing "
                    + "is best left out)");
        }
        return fraction;
    }

    private int status(String path, FaultKind kind, Integer status) throws ScenarioException {
        if (kind != FaultKind.ERRORS) {
            if (status != null) {
                throw check.invalid(child(path, "status"), "only faults of kind errors take status; a "
                        + kind.yamlName() + " fault answers no status of its own");
            }
            return 0;
        }
        if (status == null) {
            return FaultSpec.DEFAULT_ERROR_STATUS;
        }
        if (status < 400 || status > 599) {
            throw check.invalid(child(path, "status"), "must be a 4xx or 5xx status (400..599), found " + status);
        }
        return status;
    }
}
