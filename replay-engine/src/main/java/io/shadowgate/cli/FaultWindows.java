package io.shadowgate.cli;

import io.shadowgate.rehearsal.FaultWindow;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.TargetSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The faults a scenario schedules at its simulated targets, as the rollout's timeline shows them. */
final class FaultWindows {

    private FaultWindows() {
    }

    static List<FaultWindow> of(Scenario scenario) {
        List<FaultWindow> windows = new ArrayList<>();
        for (Map.Entry<String, TargetSpec> e : scenario.targets().entrySet()) {
            TargetSpec target = e.getValue();
            if (!target.isSimulated() || target.simulated().faults() == null) {
                continue;
            }
            for (FaultSpec fault : target.simulated().faults()) {
                long at = fault.at().toMillis();
                windows.add(new FaultWindow(e.getKey(), fault.kind().yamlName(), at, at + fault.duration().toMillis(),
                        describe(fault)));
            }
        }
        return windows;
    }

    private static String describe(FaultSpec fault) {
        String span = "from " + fault.at().toMillis() + " ms for " + fault.duration().toMillis() + " ms";
        String share = fault.fraction() == 1 ? " "
                : " (" + BigDecimal.valueOf(fault.fraction() * 100).stripTrailingZeros().toPlainString() + "% of requests) ";
        return switch (fault.kind()) {
            case STALL -> "answers nothing " + span;
            case SLOW -> "adds " + fault.add().toMillis() + " ms" + share + span;
            case ERRORS -> "answers " + fault.status() + share + span;
            case RESET -> "resets connections" + share + span;
            case HANG -> "never answers" + share + span;
            case SLOW_BODY -> "spreads bodies over " + fault.add().toMillis() + " ms" + share + span;
        };
    }
}
