package io.shadowgate.report;

import io.shadowgate.rehearsal.RolloutResult;
import io.shadowgate.rehearsal.StageOutcome;
import io.shadowgate.rehearsal.StageResult;
import io.shadowgate.rehearsal.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A split-mode rollout in the report: the timeline chart (the candidate's share of the traffic
 * over time, faults, decisions), then each phase with its outcome and accounts, how fast an
 * abort was detected and reverted, and every event. Stateless.
 */
final class HtmlRollout {

    private static final int WIDTH = 1180;
    private static final int PLOT_HEIGHT = 160;
    private static final String WEIGHT = SvgChart.targetColour(1);
    private static final String FAULT = "#cf222e";
    private static final String DECIDED = "#1a7f37";
    private static final String LOOKED = "#8c959f";

    private HtmlRollout() {
    }

    static Html.Safe render(RolloutResult rollout) {
        return Html.join(Html.raw("<div class=\"charts\"><figure class=\"chart wide\">" + Html.tag("figcaption", null,
                        "Timeline: the candidate's share of the requests, faults and decisions").html()
                        + timeline(rollout) + "</figure></div>\n"),
                timing(rollout), stages(rollout), events(rollout));
    }

    private static String timeline(RolloutResult rollout) {
        double end = 1;
        for (TimelineEvent e : rollout.timeline()) {
            end = Math.max(end, e.atMillis() / 1000.0);
        }
        for (StageResult s : rollout.stages()) {
            end = Math.max(end, s.endMillis() / 1000.0);
        }
        SvgChart chart = new SvgChart(WIDTH, PLOT_HEIGHT, SvgChart.Scale.linear(0, end), SvgChart.Scale.linear(0, 100),
                "The candidate's share of the requests over the run, with faults and stage decisions");
        for (int pct = 0; pct <= 100; pct += 25) {
            chart.yTick(pct, pct + "%");
        }
        SvgTimeSeries.timeTicks(chart, 0, end);
        chart.xTitle("seconds from the schedule's start");
        int row = 0;
        for (TimelineEvent e : rollout.timeline()) {
            if (e.kind() == TimelineEvent.Kind.FAULT_STARTED) {
                long until = rollout.timeline().stream()
                        .filter(f -> f.kind() == TimelineEvent.Kind.FAULT_ENDED && f.subject().equals(e.subject())
                                && f.atMillis() >= e.atMillis())
                        .mapToLong(TimelineEvent::atMillis).min().orElse((long) (end * 1000));
                chart.xInterval(e.atMillis() / 1000.0, until / 1000.0, Double.NaN, row++ % 4, FAULT,
                        "fault at " + e.subject() + ": " + e.detail());
            }
        }
        double[][] steps = weightSteps(rollout, end);
        chart.line(steps[0], steps[1], WEIGHT, false);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        List<Double> lookXs = new ArrayList<>();
        List<Double> lookYs = new ArrayList<>();
        List<String> lookTips = new ArrayList<>();
        for (TimelineEvent e : rollout.timeline()) {
            double at = e.atMillis() / 1000.0;
            String tip = String.format(Locale.ROOT, "%.1f s %s %s: %s", at, e.kind(), e.subject(), e.detail());
            switch (e.kind()) {
                case PROMOTED, ABORTED, EXTENDED, COMPLETED, REVERTED -> {
                    xs.add(at);
                    ys.add(weightAt(steps, at));
                    tips.add(tip);
                }
                case LOOK -> {
                    lookXs.add(at);
                    lookYs.add(weightAt(steps, at));
                    lookTips.add(tip);
                }
                default -> {
                }
            }
        }
        chart.dots(array(lookXs), array(lookYs), LOOKED, lookTips);
        chart.dots(array(xs), array(ys), DECIDED, tips);
        chart.legend(WEIGHT, false, "candidate's share of the requests");
        chart.legend(DECIDED, false, "decision (promoted, extended, aborted, reverted)");
        chart.legend(LOOKED, false, "look without a decision");
        chart.legend(FAULT, false, "fault window");
        return chart.render();
    }

    /** The candidate's share as a step function of time: each phase's weight from its start, 0 after an abort. */
    private static double[][] weightSteps(RolloutResult rollout, double end) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double last = 0;
        for (StageResult s : rollout.stages()) {
            if (s.startMillis() < 0) {
                break;
            }
            double share = s.shadow() ? 0 : s.weight() * 100;
            xs.add(s.startMillis() / 1000.0);
            ys.add(last);
            xs.add(s.startMillis() / 1000.0);
            ys.add(share);
            last = share;
            if (s.outcome() == StageOutcome.ABORTED) {
                xs.add(s.endMillis() / 1000.0);
                ys.add(share);
                xs.add(s.endMillis() / 1000.0);
                ys.add(0.0);
                last = 0;
                break;
            }
        }
        xs.add(end);
        ys.add(last);
        return new double[][] {array(xs), array(ys)};
    }

    private static double weightAt(double[][] steps, double at) {
        double y = 0;
        for (int i = 0; i < steps[0].length && steps[0][i] <= at; i++) {
            y = steps[1][i];
        }
        return y;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Html.Safe timing(RolloutResult rollout) {
        String outcome = switch (rollout.outcome()) {
            case COMPLETED -> "The rollout completed: every phase was shown to hold.";
            case ABORTED -> "The rollout was aborted and the traffic went back to the baseline.";
            case INCOMPLETE -> "The rollout ended before it was decided.";
        };
        StringBuilder text = new StringBuilder(outcome);
        if (rollout.timeToDetectMillis() != null) {
            text.append(String.format(Locale.ROOT, " Detected %s s after %s (at %s s); the candidate's last request "
                            + "ended %s s after the abort.", ReportNumbers.seconds(rollout.timeToDetectMillis()), rollout.onset(),
                    ReportNumbers.seconds(rollout.onsetMillis()), rollout.timeToRevertMillis() == null ? "?"
                    : ReportNumbers.seconds(rollout.timeToRevertMillis())));
        }
        text.append(String.format(Locale.ROOT, " After the rollout ended, %s requests were routed (all to the %s) and "
                        + "%s were never read from the traffic (counted as not sent).",
                ReportNumbers.count(rollout.afterRequests()),
                rollout.outcome() == RolloutResult.Outcome.COMPLETED ? "final split" : "baseline",
                ReportNumbers.count(rollout.unread())));
        return Html.tag("p", null, text.toString());
    }

    private static Html.Safe stages(RolloutResult rollout) {
        HtmlTable table = new HtmlTable("stages").text("Phase").text("Outcome").num("From").num("To").num("Looks")
                .num("Extensions").num("Requests").num("To the candidate").text("Counts").text("Deciding reason");
        for (StageResult s : rollout.stages()) {
            boolean reached = s.outcome() != StageOutcome.NOT_REACHED;
            table.classedRow(rowClass(s.outcome()), s.label(), s.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    reached ? ReportNumbers.seconds(s.startMillis()) + " s" : "",
                    reached ? ReportNumbers.seconds(s.endMillis()) + " s" : "", reached ? Integer.toString(s.looks()) : "",
                    reached ? Integer.toString(s.extensions()) : "", ReportNumbers.count(s.requests()),
                    ReportNumbers.count(s.candidate().scheduled()), s.addsUp() ? "add up" : "DO NOT ADD UP",
                    s.reasons().isEmpty() ? "" : s.reasons().get(0));
        }
        return table.render();
    }

    private static String rowClass(StageOutcome outcome) {
        return switch (outcome) {
            case PROMOTED -> "go";
            case ABORTED -> "no-go";
            case INCOMPLETE -> "inconclusive";
            case NOT_REACHED -> null;
        };
    }

    private static Html.Safe events(RolloutResult rollout) {
        HtmlTable table = new HtmlTable("events").num("At").text("Event").text("Of").text("Detail");
        for (TimelineEvent e : rollout.timeline()) {
            table.row(ReportNumbers.seconds(e.atMillis()) + " s", e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    e.subject(), e.detail());
        }
        return Html.wrap("details", null, Html.join(Html.tag("summary", null, "Every event ("
                + rollout.timeline().size() + ")"), table.render()));
    }
}
