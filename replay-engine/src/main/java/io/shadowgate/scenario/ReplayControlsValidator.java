package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.ScenarioDocument.PathRewriteDoc;
import io.shadowgate.scenario.ScenarioDocument.ReplayDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Builds {@link ReplayControls} from the {@code traffic.replay:} block, each value checked where it stands. */
final class ReplayControlsValidator {

    private static final String PATH = "traffic.replay";
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final FieldChecks check;

    ReplayControlsValidator(FieldChecks check) {
        this.check = check;
    }

    ReplayControls controls(ReplayDoc doc) throws ScenarioException {
        if (doc == null) {
            return ReplayControls.NONE;
        }
        Duration from = doc.from() == null ? null : check.duration(child(PATH, "from"), doc.from());
        Duration to = doc.to() == null ? null : check.positiveDuration(child(PATH, "to"), doc.to());
        if (from != null && to != null && to.compareTo(from) <= 0) {
            throw check.invalid(child(PATH, "to"), "must be after from (" + doc.from() + "), found " + doc.to());
        }
        double speed = doc.speed() == null ? 1.0 : check.positive(child(PATH, "speed"), doc.speed());
        Duration maxGap = doc.maxGap() == null ? null : check.positiveDuration(child(PATH, "maxGap"), doc.maxGap());
        Double rate = doc.rate() == null ? null : check.positive(child(PATH, "rate"), doc.rate());
        if (rate != null && (doc.speed() != null || maxGap != null)) {
            throw check.invalid(child(PATH, "rate"), "replaces the recorded timing, so it cannot go with speed or maxGap");
        }
        int loop = doc.loop() == null ? 1 : doc.loop();
        if (loop < 1) {
            throw check.invalid(child(PATH, "loop"), "must be at least 1, found " + loop);
        }
        return new ReplayControls(from, to, methods(doc.methods()), patterns("allowPaths", doc.allowPaths()),
                patterns("denyPaths", doc.denyPaths()), speed, maxGap, rate, loop, rewrites(doc.rewritePaths()),
                setHeaders(doc.setHeaders()), removeHeaders(doc.removeHeaders()));
    }

    private Set<String> methods(List<String> doc) throws ScenarioException {
        if (doc == null) {
            return Set.of();
        }
        Set<String> methods = new LinkedHashSet<>();
        for (int i = 0; i < doc.size(); i++) {
            String method = doc.get(i) == null ? "" : doc.get(i).trim().toUpperCase(Locale.ROOT);
            if (!METHOD.matcher(method).matches()) {
                throw check.invalid(item(child(PATH, "methods"), i), "expected an HTTP method such as GET, found '" + doc.get(i) + "'");
            }
            methods.add(method);
        }
        return Collections.unmodifiableSet(methods);
    }

    private List<Pattern> patterns(String key, List<String> doc) throws ScenarioException {
        if (doc == null) {
            return List.of();
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            patterns.add(regex(item(child(PATH, key), i), doc.get(i)));
        }
        return List.copyOf(patterns);
    }

    private List<ReplayControls.PathRewrite> rewrites(List<PathRewriteDoc> doc) throws ScenarioException {
        if (doc == null) {
            return List.of();
        }
        List<ReplayControls.PathRewrite> rewrites = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            String at = item(child(PATH, "rewritePaths"), i);
            PathRewriteDoc rewrite = doc.get(i);
            if (rewrite == null) {
                throw check.invalid(at, "expected {match: REGEX, replace: TEXT}");
            }
            Pattern match = regex(child(at, "match"), check.required(at, "match", rewrite.match()));
            String replace = check.required(at, "replace", rewrite.replace());
            if (!replace.startsWith("/") && match.pattern().startsWith("^/")) {
                throw check.invalid(child(at, "replace"), "a path must still start with '/', found '" + replace + "'");
            }
            rewrites.add(new ReplayControls.PathRewrite(match, replace));
        }
        return List.copyOf(rewrites);
    }

    private Map<String, String> setHeaders(Map<String, String> doc) throws ScenarioException {
        if (doc == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : doc.entrySet()) {
            check.required(child(PATH, "setHeaders"), e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(doc));
    }

    private Set<String> removeHeaders(List<String> doc) {
        if (doc == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        doc.forEach(name -> names.add(name.trim().toLowerCase(Locale.ROOT)));
        return Collections.unmodifiableSet(names);
    }

    private Pattern regex(String path, String text) throws ScenarioException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw check.invalid(path, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}
