package io.shadowgate.cli;

import io.shadowgate.metrics.LiveFigures;
import java.util.function.ToDoubleFunction;

/**
 * The live figures in the Prometheus text exposition format, version 0.0.4: each family a
 * {@code # HELP} and a {@code # TYPE} line, then its samples; label values escaped as the
 * format says. A pure function of the figures, so the format is tested without a socket.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String render(LiveFigures f, RunPlan plan) {
        StringBuilder b = new StringBuilder(1_024);
        family(b, "shadowgate_run_elapsed_seconds", "gauge", "Seconds since the run's recording started.");
        b.append("shadowgate_run_elapsed_seconds ").append(number(f.elapsedMillis() / 1_000.0)).append('\n');
        family(b, "shadowgate_requests_planned", "gauge", "Requests the run's traffic holds, each sent to every target.");
        b.append("shadowgate_requests_planned ").append(plan.requests()).append('\n');
        family(b, "shadowgate_requests_scheduled_total", "counter", "Requests read from the traffic and scheduled so far.");
        b.append("shadowgate_requests_scheduled_total ").append(f.scheduled()).append('\n');
        perTarget(b, f, "shadowgate_requests_sent_total", "counter", "Requests handed to the target so far.",
                t -> t.sent());
        perTarget(b, f, "shadowgate_requests_in_flight", "gauge", "Requests sent to the target and not ended yet.",
                t -> t.inFlight());
        perTarget(b, f, "shadowgate_requests_completed_total", "counter",
                "Requests that ended at the target in a response, a timeout or a connection error.", t -> t.completed());
        perTarget(b, f, "shadowgate_errors_total", "counter",
                "5xx responses, timeouts and connection errors at the target.", t -> t.errors());
        perTarget(b, f, "shadowgate_latency_p99_seconds", "gauge",
                "99th percentile latency from the intended send over the last one-second interval (NaN when it had none).",
                t -> t.p99Millis() / 1_000.0);
        return b.toString();
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void perTarget(StringBuilder b, LiveFigures f, String name, String type, String help,
                                  ToDoubleFunction<LiveFigures.Target> value) {
        family(b, name, type, help);
        for (LiveFigures.Target t : f.targets()) {
            b.append(name).append("{target=\"").append(escapeLabel(t.target())).append("\"} ")
                    .append(number(value.applyAsDouble(t))).append('\n');
        }
    }

    /** A sample value: whole numbers without a fraction, NaN and infinities as the format spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Help text escapes backslash and line feed. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
