package io.shadowgate.cli;

import io.shadowgate.rehearsal.ThinStages;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.traffic.TrafficScan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** What a rehearsal is told before it starts when its traffic cannot let it succeed. */
final class RehearsalWarnings {

    private RehearsalWarnings() {
    }

    /** A rollout needs traffic for its holds and enough in each stage; without, it can only end undecided, so say so up front. */
    static void print(Scenario scenario, TrafficScan scan, PrintWriter err) {
        if (scenario.rehearsal() == null) {
            return;
        }
        Duration needed = scenario.rehearsal().plannedLength();
        double seconds = Math.max(scan.spanMicros() / 1e6, 1e-3);
        for (String thin : ThinStages.warnings(scenario.rehearsal(), scenario.gates(), scan.records() / seconds)) {
            err.println("shadowgate: warning: " + thin);
        }
        err.flush();
        if (scan.spanMicros() < needed.toNanos() / 1_000) {
            err.printf(Locale.ROOT, "shadowgate: warning: the traffic spans %.1f s, less than "
                            + "the %.1f s the rehearsal's phases hold: unless they are promoted early, the rollout ends "
                            + "undecided (INCONCLUSIVE)%n", scan.spanMicros() / 1e6, needed.toMillis() / 1e3);
            err.flush();
        }
    }
}
