package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.compare.model.ModelOutputPaths;
import io.shadowgate.compare.response.ArrayRule;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.compare.response.HeaderRules;
import io.shadowgate.compare.response.Normalisation;
import io.shadowgate.compare.response.NumericTolerance;
import io.shadowgate.scenario.ScenarioDocument.ArrayDoc;
import io.shadowgate.scenario.ScenarioDocument.CompareDoc;
import io.shadowgate.scenario.ScenarioDocument.EndpointCompareDoc;
import io.shadowgate.scenario.ScenarioDocument.NormalizeDoc;
import io.shadowgate.scenario.ScenarioDocument.ToleranceDoc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Validates the {@code compare:} block into a {@link ResponseComparison}. The rule records
 * check their own paths and patterns; a bad one becomes a located error here.
 */
final class CompareValidator {

    private static final int MAX_EXAMPLES = 100;

    private final FieldChecks check;

    CompareValidator(FieldChecks check) {
        this.check = check;
    }

    /**
     * @param doc        the block, or null
     * @param paired     whether the run pairs responses: shadow mode, or split mode's shadow phase
     * @param hasReplica whether a {@code baseline-replica} target is configured
     */
    ResponseComparison compare(CompareDoc doc, boolean paired, boolean hasReplica) throws ScenarioException {
        if (!paired) {
            if (doc != null && !Boolean.FALSE.equals(doc.enabled())) {
                throw check.invalid("compare", "responses are compared pair by pair, in shadow mode or in split "
                        + "mode's shadow phase (rehearsal.shadow) only");
            }
            return ResponseComparison.DISABLED;
        }
        if (doc == null) {
            ResponseComparison d = ResponseComparison.DEFAULT;
            return hasReplica ? new ResponseComparison(true, ResponseComparison.Noise.REPLICA, d.examples(),
                    d.exampleBytes(), d.rules(), d.models()) : d;
        }
        if (Boolean.FALSE.equals(doc.enabled())) {
            return ResponseComparison.DISABLED;
        }
        ResponseComparison.Noise noise = noise(doc.noise(), hasReplica);
        int examples = doc.examples() == null ? ResponseComparison.DEFAULT.examples()
                : (int) check.atLeast("compare.examples", doc.examples(), 0);
        if (examples > MAX_EXAMPLES) {
            throw check.invalid("compare.examples", "must be at most " + MAX_EXAMPLES + ", found " + examples);
        }
        int exampleBytes = doc.exampleBytes() == null ? ResponseComparison.DEFAULT.exampleBytes()
                : (int) check.atLeast("compare.exampleBytes", doc.exampleBytes(), 64);
        HeaderRules headers = located("compare.headers", () -> new HeaderRules(
                doc.headers() == null ? HeaderRules.DEFAULT_COMPARED : doc.headers(),
                concat(HeaderRules.DEFAULT_IGNORED, doc.ignoreHeaders())));
        Map<String, DiffRules> rules = new LinkedHashMap<>();
        Map<String, ModelOutputPaths> models = new LinkedHashMap<>();
        rules.put(ResponseComparison.EVERY_ENDPOINT, DiffRules.defaults().withHeaders(headers));
        if (doc.endpoints() != null) {
            for (Map.Entry<String, EndpointCompareDoc> e : doc.endpoints().entrySet()) {
                String path = child("compare.endpoints", e.getKey());
                EndpointCompareDoc endpoint = e.getValue();
                if (endpoint == null) {
                    throw check.invalid(path, "expected a mapping of rules (ignore, tolerance, normalize, arrays, "
                            + "labelPath, scorePath, probabilitiesPath)");
                }
                rules.put(e.getKey(), rules(path, endpoint, headers));
                ModelOutputPaths model = model(path, endpoint);
                if (model != null) {
                    models.put(e.getKey(), model);
                }
            }
        }
        return new ResponseComparison(true, noise, examples, exampleBytes, Map.copyOf(rules), Map.copyOf(models));
    }

    private ResponseComparison.Noise noise(String text, boolean hasReplica) throws ScenarioException {
        if (text == null) {
            return hasReplica ? ResponseComparison.Noise.REPLICA : ResponseComparison.Noise.OFF;
        }
        ResponseComparison.Noise noise = check.choice("compare.noise", text, ResponseComparison.Noise.class);
        if (noise == ResponseComparison.Noise.REPLICA && !hasReplica) {
            throw check.invalid("compare.noise", "replica needs a baseline-replica target under targets");
        }
        if (noise == ResponseComparison.Noise.REPEAT && hasReplica) {
            throw check.invalid("compare.noise", "repeat sends each request twice to the baseline; with a "
                    + "baseline-replica target, use noise: replica (the default then)");
        }
        return noise;
    }

    private DiffRules rules(String path, EndpointCompareDoc doc, HeaderRules headers) throws ScenarioException {
        DiffRules rules = DiffRules.defaults().withHeaders(headers);
        if (doc.ignore() != null) {
            for (int i = 0; i < doc.ignore().size(); i++) {
                String pattern = doc.ignore().get(i);
                DiffRules current = rules;
                rules = located(item(child(path, "ignore"), i), () -> current.ignoring(pattern));
            }
        }
        if (doc.tolerance() != null) {
            for (Map.Entry<String, ToleranceDoc> t : doc.tolerance().entrySet()) {
                String at = child(child(path, "tolerance"), t.getKey());
                ToleranceDoc tolerance = check.required(child(path, "tolerance"), t.getKey(), t.getValue(),
                        "a mapping with absolute and/or relative");
                double absolute = tolerance.absolute() == null ? 0 : check.nonNegative(child(at, "absolute"),
                        tolerance.absolute());
                double relative = tolerance.relative() == null ? 0 : check.fraction(child(at, "relative"),
                        tolerance.relative());
                DiffRules current = rules;
                rules = located(at, () -> current.withTolerance(new NumericTolerance(t.getKey(), absolute, relative)));
            }
        }
        if (doc.normalize() != null) {
            for (int i = 0; i < doc.normalize().size(); i++) {
                String at = item(child(path, "normalize"), i);
                NormalizeDoc n = check.required(child(path, "normalize"), "[" + i + "]", doc.normalize().get(i));
                String pattern = check.required(at, "pattern", n.pattern(), "a regular expression, e.g. '[0-9a-f-]{36}'");
                String target = n.path() == null ? "$..*" : n.path();
                DiffRules current = rules;
                rules = located(at, () -> current.withNormalisation(Normalisation.of(target, pattern,
                        n.replace() == null ? "" : n.replace())));
            }
        }
        if (doc.arrays() != null) {
            for (Map.Entry<String, ArrayDoc> a : doc.arrays().entrySet()) {
                String at = child(child(path, "arrays"), a.getKey());
                ArrayRule rule = array(at, a.getKey(), a.getValue());
                DiffRules current = rules;
                rules = located(at, () -> current.withArrayRule(rule));
            }
        }
        return rules;
    }

    private ArrayRule array(String at, String arrayPath, ArrayDoc doc) throws ScenarioException {
        if (doc == null || (doc.match() == null && doc.by() == null)) {
            throw check.invalid(at, "expected {match: order} (the default), {match: set} or {by: FIELD}");
        }
        if (doc.by() != null) {
            if (doc.match() != null && !"key".equals(doc.match())) {
                throw check.invalid(child(at, "by"), "goes with match: key (or no match at all), not match: " + doc.match());
            }
            return located(at, () -> ArrayRule.byKey(arrayPath, doc.by()));
        }
        return switch (doc.match()) {
            case "order" -> located(at, () -> ArrayRule.inOrder(arrayPath));
            case "set" -> located(at, () -> ArrayRule.unordered(arrayPath));
            default -> throw check.invalid(child(at, "match"), "expected order, set or key (with by: FIELD), found '"
                    + doc.match() + "'");
        };
    }

    private ModelOutputPaths model(String path, EndpointCompareDoc doc) throws ScenarioException {
        if (doc.labelPath() == null && doc.scorePath() == null && doc.probabilitiesPath() == null) {
            return null;
        }
        return located(path, () -> ModelOutputPaths.of(doc.labelPath(), doc.scorePath(), doc.probabilitiesPath()));
    }

    /** Builds a rule record, turning its own complaint into an error at {@code path}. */
    private <T> T located(String path, Supplier<T> build) throws ScenarioException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw check.invalid(path, e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b == null) {
            return a;
        }
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
