package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.ScenarioDocument.DiurnalDoc;
import io.shadowgate.scenario.ScenarioDocument.RampDoc;
import io.shadowgate.scenario.ScenarioDocument.StepDoc;
import io.shadowgate.scenario.ScenarioDocument.SynthDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the load shape of {@code traffic.synth}, given by exactly one of {@code rate},
 * {@code ramp}, {@code steps} and {@code diurnal}, and builds its {@link RateCurve}. The
 * rules keep every curve meaningful: rates at least 0 and above 0 somewhere, steps in order
 * inside the run, a cycle that never goes below 0.
 */
final class RateCurveValidator {

    private static final String SYNTH = "traffic.synth";
    private static final List<String> SHAPES = List.of("rate", "ramp", "steps", "diurnal");

    private final LocatedTree tree;
    private final FieldChecks check;

    RateCurveValidator(LocatedTree tree, FieldChecks check) {
        this.tree = tree;
        this.check = check;
    }

    RateCurve rateCurve(SynthDoc doc, Duration duration, String durationText) throws ScenarioException {
        // Presence is read from the file, not the binding: "ramp:" with no value binds to null
        // but was still written, and should say "has no value", not "missing key rate".
        List<String> given = new ArrayList<>();
        for (String shape : SHAPES) {
            if (tree.has(child(SYNTH, shape))) {
                given.add(shape);
            }
        }
        if (given.isEmpty()) {
            throw tree.missing(SYNTH, "rate", "or ramp, steps or diurnal for a rate that changes over time");
        }
        if (given.size() > 1) {
            throw check.invalid(child(SYNTH, given.get(1)), "give one load shape (rate, ramp, steps or diurnal),"
                    + " not both " + given.get(0) + " and " + given.get(1));
        }
        String path = child(SYNTH, given.get(0));
        return switch (given.get(0)) {
            case "rate" -> new RateCurve.Fixed(check.positive(path, check.required(SYNTH, "rate", doc.rate())));
            case "ramp" -> ramp(path, check.required(SYNTH, "ramp", doc.ramp()), duration);
            case "steps" -> steps(path, check.required(SYNTH, "steps", doc.steps()), duration, durationText);
            default -> diurnal(path, check.required(SYNTH, "diurnal", doc.diurnal()));
        };
    }

    private RateCurve ramp(String path, RampDoc doc, Duration duration) throws ScenarioException {
        double from = check.nonNegative(child(path, "from"), check.required(path, "from", doc.from()));
        double to = check.nonNegative(child(path, "to"), check.required(path, "to", doc.to()));
        if (from == 0 && to == 0) {
            throw check.invalid(path, "from and to are both 0; at least one must be above 0");
        }
        return new RateCurve.Ramp(from, to, duration);
    }

    private RateCurve steps(String path, List<StepDoc> docs, Duration duration, String durationText)
            throws ScenarioException {
        if (docs.isEmpty()) {
            throw check.invalid(path, "needs at least one step, e.g. - {at: 0s, rate: 100}");
        }
        List<RateCurve.Step> steps = new ArrayList<>();
        boolean anyPositive = false;
        for (int i = 0; i < docs.size(); i++) {
            String itemPath = item(path, i);
            StepDoc doc = docs.get(i);
            if (doc == null) {
                throw check.invalid(itemPath, "empty step; expected {at: DURATION, rate: NUMBER}");
            }
            String atText = check.required(itemPath, "at", doc.at());
            Duration at = check.duration(child(itemPath, "at"), atText);
            double rate = check.nonNegative(child(itemPath, "rate"), check.required(itemPath, "rate", doc.rate()));
            if (i == 0 && !at.isZero()) {
                throw check.invalid(child(itemPath, "at"), "the first step must be at 0s, so the rate is defined"
                        + " from the start, found '" + atText + "' (use rate: 0 for an idle start)");
            }
            if (i > 0 && at.compareTo(steps.get(i - 1).at()) <= 0) {
                throw check.invalid(child(itemPath, "at"), "steps must be in increasing order of at: '" + atText
                        + "' is not after the previous step's '" + docs.get(i - 1).at() + "'");
            }
            if (at.compareTo(duration) >= 0) {
                throw check.invalid(child(itemPath, "at"), "'" + atText + "' is not within the duration ("
                        + durationText.trim() + ")");
            }
            anyPositive |= rate > 0;
            steps.add(new RateCurve.Step(at, rate));
        }
        if (!anyPositive) {
            throw check.invalid(path, "every step's rate is 0; at least one must be above 0");
        }
        return new RateSteps(steps);
    }

    private RateCurve diurnal(String path, DiurnalDoc doc) throws ScenarioException {
        double base = check.positive(child(path, "base"), check.required(path, "base", doc.base()));
        double amplitude = check.nonNegative(child(path, "amplitude"),
                check.required(path, "amplitude", doc.amplitude()));
        if (amplitude > base) {
            throw check.invalid(child(path, "amplitude"), "must be at most base (" + number(base)
                    + "), so the rate never goes below 0, found " + number(amplitude));
        }
        Duration period = check.positiveDuration(child(path, "period"), check.required(path, "period", doc.period()));
        Duration phase = doc.phase() == null ? Duration.ZERO : check.duration(child(path, "phase"), doc.phase());
        return new DiurnalRate(base, amplitude, period, phase);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
