package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The comparison rules of one endpoint, validated when built: every path must parse, every
 * regex compile, every tolerance be non-negative, and no path may have two tolerances or two
 * array rules. Build programmatically ({@link #defaults()} and the {@code with*} methods).
 *
 * <p>When several rules match one node: an ignore wins over everything; every matching
 * normalisation applies, in the order given; of tolerances and array rules the first given
 * that matches applies.
 *
 * @param ignoredPaths   patterns of nodes not compared, with their subtrees, e.g.
 *                       {@code $.meta.requestId}, {@code $.items[*].debug}, {@code $..timestamp},
 *                       {@code $.debug.*}
 * @param tolerances     numeric tolerances per path
 * @param normalisations string normalisations per path
 * @param arrayRules     array matching per path (default in order)
 * @param headers        which headers are compared
 */
public record DiffRules(List<String> ignoredPaths, List<NumericTolerance> tolerances,
        List<Normalisation> normalisations, List<ArrayRule> arrayRules, HeaderRules headers) {

    public DiffRules {
        ignoredPaths = List.copyOf(Objects.requireNonNull(ignoredPaths, "ignoredPaths"));
        tolerances = List.copyOf(Objects.requireNonNull(tolerances, "tolerances"));
        normalisations = List.copyOf(Objects.requireNonNull(normalisations, "normalisations"));
        arrayRules = List.copyOf(Objects.requireNonNull(arrayRules, "arrayRules"));
        Objects.requireNonNull(headers, "headers");
        for (String path : ignoredPaths) {
            RuleText.checkPath("ignored path", path);
        }
        unique("tolerance", tolerances.stream().map(NumericTolerance::path).toList());
        unique("array rule", arrayRules.stream().map(ArrayRule::path).toList());
    }

    /** Nothing ignored, no tolerances or normalisations, arrays in order, {@link HeaderRules#DEFAULT}. */
    public static DiffRules defaults() {
        return new DiffRules(List.of(), List.of(), List.of(), List.of(), HeaderRules.DEFAULT);
    }

    public DiffRules ignoring(String... paths) {
        return new DiffRules(plus(ignoredPaths, List.of(paths)), tolerances, normalisations, arrayRules, headers);
    }

    public DiffRules withTolerance(NumericTolerance tolerance) {
        return new DiffRules(ignoredPaths, plus(tolerances, List.of(tolerance)), normalisations, arrayRules, headers);
    }

    public DiffRules withNormalisation(Normalisation normalisation) {
        return new DiffRules(ignoredPaths, tolerances, plus(normalisations, List.of(normalisation)), arrayRules, headers);
    }

    public DiffRules withArrayRule(ArrayRule rule) {
        return new DiffRules(ignoredPaths, tolerances, normalisations, plus(arrayRules, List.of(rule)), headers);
    }

    public DiffRules withHeaders(HeaderRules headerRules) {
        return new DiffRules(ignoredPaths, tolerances, normalisations, arrayRules, headerRules);
    }

    private static <T> List<T> plus(List<T> list, List<T> more) {
        List<T> out = new ArrayList<>(list);
        for (T t : more) {
            out.add(Objects.requireNonNull(t, "a rule must not be null"));
        }
        return out;
    }

    private static void unique(String rule, List<String> paths) {
        Set<String> seen = new HashSet<>();
        for (String path : paths) {
            if (!seen.add(path)) {
                throw new IllegalArgumentException(rule + ": '" + path + "' is given twice; keep one");
            }
        }
    }
}
