package io.shadowgate.cli;

import io.shadowgate.metrics.MetricsRecorder;
import io.shadowgate.metrics.ScheduleCounter;
import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageResult;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.traffic.TrafficScan;

/** The requests a stopped run never read from its traffic: accounted as not sent, where they would have gone. */
final class UnreadRequests {

    private UnreadRequests() {
    }

    /**
     * A stopped run leaves part of its traffic unread: the scan counted it per endpoint, so it
     * is accounted as not sent in bulk, at every target (in split mode, at {@code role} only,
     * whose own schedule {@code roleScheduled} counts it too), and the counts still add up.
     */
    static void account(TrafficScan scan, ScheduleCounter scheduled, MetricsRecorder recorder,
                        ScheduleCounter roleScheduled, String role) {
        scan.endpoints().forEach((endpoint, planned) -> {
            long unread = planned - scheduled.endpoint(endpoint);
            if (unread > 0) {
                scheduled.add(endpoint, unread);
                if (role == null) {
                    recorder.notSent(endpoint, unread);
                } else {
                    roleScheduled.add(endpoint, unread);
                    recorder.notSent(role, endpoint, unread);
                }
            }
        });
    }

    /**
     * Where a stopped rollout's unread requests would have gone: the candidate when it completed
     * carrying all traffic, the baseline otherwise (it carries the traffic after an abort).
     */
    static String target(RolloutResult rollout) {
        StageResult last = rollout.stages().get(rollout.stages().size() - 1);
        return rollout.outcome() == RolloutResult.Outcome.COMPLETED && last.weight() >= 1
                ? Scenario.CANDIDATE : Scenario.BASELINE;
    }
}
