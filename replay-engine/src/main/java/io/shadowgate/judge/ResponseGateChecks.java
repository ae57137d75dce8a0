package io.shadowgate.judge;

import io.shadowgate.compare.DifferenceEstimate;
import io.shadowgate.compare.ErrorCount;
import io.shadowgate.compare.ErrorRateDifference;
import io.shadowgate.compare.ResponseFindings;
import io.shadowgate.compare.contract.ContractChange;
import io.shadowgate.compare.model.ModelComparisonSummary;
import io.shadowgate.compare.model.ModelGateResult;
import io.shadowgate.compare.model.ModelGates;
import io.shadowgate.compare.model.WilsonInterval;
import io.shadowgate.compare.response.EndpointDiffSummary;
import io.shadowgate.compare.response.PairCounts;
import io.shadowgate.scenario.ResponseGates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gates on what the candidate answers: the mismatch rate (overall and per endpoint), the
 * model gates (label flips, score drift) per model endpoint, and the contract. Each with its
 * estimate, interval and rule, at the judge's levels like every other gate.
 */
final class ResponseGateChecks {

    private final Levels levels;
    private final long minSamples;

    ResponseGateChecks(Levels levels, long minSamples) {
        this.levels = levels;
        this.minSamples = minSamples;
    }

    /** How many tests these gates add to the NO_GO family on {@code findings}. */
    static int count(ResponseGates gates, ResponseFindings findings) {
        int endpoints = findings.diffs().endpoints().size();
        int models = findings.models().size();
        return (gates.maxMismatchRate() != null ? endpoints + 1 : 0)
                + (gates.maxLabelFlipRate() != null ? models : 0) + (gates.maxScoreDrift() != null ? models : 0)
                + (gates.maxBreaking() != null ? 1 : 0);
    }

    List<GateResult> all(ResponseGates gates, ResponseFindings findings) {
        List<GateResult> results = new ArrayList<>();
        if (gates.maxMismatchRate() != null) {
            long c = 0;
            long cm = 0;
            long n = 0;
            long nm = 0;
            for (EndpointDiffSummary e : findings.diffs().endpoints()) {
                c += e.candidate().compared();
                cm += e.candidate().mismatched();
                n += e.noise().compared();
                nm += e.noise().mismatched();
            }
            results.add(mismatch("all", new PairCounts(c, cm), new PairCounts(n, nm), gates.maxMismatchRate()));
            for (EndpointDiffSummary e : findings.diffs().endpoints()) {
                results.add(mismatch(e.endpoint(), e.candidate(), e.noise(), gates.maxMismatchRate()));
            }
        }
        for (Map.Entry<String, ModelComparisonSummary> m : findings.models().entrySet()) {
            if (gates.maxLabelFlipRate() != null) {
                results.add(model(m.getKey(), "ratio", ModelGates.maxLabelFlipRate(m.getValue(), gates.maxLabelFlipRate(),
                        1 - levels.go(), 1 - levels.noGo())));
            }
            if (gates.maxScoreDrift() != null) {
                results.add(model(m.getKey(), "score", ModelGates.maxScoreDrift(m.getValue(), gates.maxScoreDrift(),
                        1 - levels.go(), 1 - levels.noGo())));
            }
        }
        if (gates.maxBreaking() != null) {
            results.add(contract(findings, gates.maxBreaking()));
        }
        return results;
    }

    /**
     * The share of request pairs whose responses differ. With noise measured, the candidate's
     * rate in excess of the baseline's own (Newcombe's interval for the difference); without, the
     * candidate's rate itself (Wilson's interval).
     */
    private GateResult mismatch(String scope, PairCounts candidate, PairCounts noise, double limit) {
        String gate = "response mismatch rate";
        boolean withNoise = noise.compared() > 0;
        String quantity = withNoise ? "the candidate's mismatch rate - the baseline's own (noise)" : "the mismatch rate";
        String method = withNoise ? DifferenceEstimate.NEWCOMBE : WilsonInterval.METHOD;
        String rule = levels.rule(quantity, Format.percent(limit), method);
        if (candidate.compared() < minSamples) {
            return new GateResult(gate, scope, Decision.INCONCLUSIVE, rate(noise), rate(candidate), Double.NaN, null,
                    limit, "share", rule, String.format(Locale.ROOT, "%s: only %d pairs compared, at least %d needed",
                    gate, candidate.compared(), minSamples));
        }
        double estimate;
        double upper;
        double lower;
        if (withNoise) {
            ErrorCount b = ErrorCount.of(noise.mismatched(), noise.compared());
            ErrorCount c = ErrorCount.of(candidate.mismatched(), candidate.compared());
            estimate = rate(candidate) - rate(noise);
            upper = ErrorRateDifference.newcombe(b, c, 2 * levels.go() - 1).upper();
            lower = ErrorRateDifference.newcombe(b, c, 2 * levels.noGo() - 1).lower();
        } else {
            estimate = rate(candidate);
            upper = WilsonInterval.of(candidate.mismatched(), candidate.compared(), 2 * levels.go() - 1).upper();
            lower = WilsonInterval.of(candidate.mismatched(), candidate.compared(), 2 * levels.noGo() - 1).lower();
        }
        Decision d = levels.decide(upper, lower, limit);
        String reason = String.format(Locale.ROOT, "%s: %d of %d pairs differ%s, %s [%s, %s], limit %s", gate,
                candidate.mismatched(), candidate.compared(),
                withNoise ? String.format(Locale.ROOT, " (baseline against itself: %d of %d)", noise.mismatched(),
                        noise.compared()) : "",
                signed(estimate), signed(lower), signed(upper), Format.percent(limit));
        return new GateResult(gate, scope, d, rate(noise), rate(candidate), estimate,
                new Interval(lower, upper, levels.confidence(), method), limit, "share", rule, reason);
    }

    private GateResult model(String scope, String unit, ModelGateResult r) {
        Decision d = switch (r.outcome()) {
            case HOLDS -> Decision.GO;
            case BREACHED -> Decision.NO_GO;
            case UNDECIDED -> Decision.INCONCLUSIVE;
        };
        Interval interval = Double.isNaN(r.lower()) ? null : new Interval(r.lower(), r.upper(), levels.confidence(), r.method());
        return new GateResult(r.gate(), scope, d, Double.NaN, Double.NaN, r.estimate(), interval, r.limit(), unit,
                r.rule(), r.reason());
    }

    /**
     * Breaking contract changes counted against the allowance. Each change already carries its
     * own evidence (see {@link io.shadowgate.compare.contract.ContractRules}): one odd response
     * breaks nothing. GO needs the baseline's schema learned from at least minSamples responses.
     */
    private GateResult contract(ResponseFindings findings, int maxBreaking) {
        String gate = "contract: breaking changes";
        List<ContractChange> breaking = findings.contract().stream().filter(ContractChange::breaking).toList();
        long learned = findings.contractResponses();
        String rule = "NO_GO if more than " + maxBreaking + " breaking change(s): a field removed, a type changed, a "
                + "field's presence dropped, a new status code or content type, each shown by at least 5 responses "
                + "and a 99% Newcombe interval on the two presence rates; GO if no more, with each side's schema "
                + "learned from at least " + minSamples + " responses"
                + (ResponseFindings.UNPAIRED.equals(findings.noise()) ? " (its own, unpaired: split stages)" : "")
                + "; else INCONCLUSIVE";
        Decision d = breaking.size() > maxBreaking ? Decision.NO_GO
                : learned >= minSamples ? Decision.GO : Decision.INCONCLUSIVE;
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "%s: %d breaking, allowed %d", gate,
                breaking.size(), maxBreaking));
        breaking.stream().limit(5).forEach(c -> reason.append("; ").append(c.endpoint()).append(' ')
                .append(c.path() == null ? "" : c.path() + " ")
                .append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        if (breaking.size() > 5) {
            reason.append("; and ").append(breaking.size() - 5).append(" more");
        }
        if (d == Decision.INCONCLUSIVE) {
            reason.append("; only ").append(learned).append(" responses on the side with fewer, at least ")
                    .append(minSamples).append(" needed");
        }
        return new GateResult(gate, "all", d, Double.NaN, Double.NaN, breaking.size(), null, maxBreaking, "changes",
                rule, reason.toString());
    }

    private static String signed(double fraction) {
        return (fraction < 0 ? "-" : "") + Format.percent(fraction);
    }

    private static double rate(PairCounts counts) {
        return counts.mismatchRate();
    }
}
