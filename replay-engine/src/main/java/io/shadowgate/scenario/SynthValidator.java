package io.shadowgate.scenario;

import static io.shadowgate.scenario.LocatedTree.child;
import static io.shadowgate.scenario.LocatedTree.item;

import io.shadowgate.scenario.ScenarioDocument.RequestDoc;
import io.shadowgate.scenario.ScenarioDocument.SynthDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a {@code traffic.synth} block and builds its {@link TrafficSpec}: the run's length,
 * its load shape ({@link RateCurveValidator}), the arrival model and the request templates.
 * Every placeholder is parsed here, so a typo in a body is an error at the body's key when the
 * scenario loads, not a failure when the traffic is built.
 */
final class SynthValidator {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    /** RFC 9110 token characters: what a header name may contain. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final FieldChecks check;
    private final RateCurveValidator rates;

    SynthValidator(LocatedTree tree, FieldChecks check) {
        this.check = check;
        this.rates = new RateCurveValidator(tree, check);
    }

    TrafficSpec synth(SynthDoc doc) throws ScenarioException {
        String durationText = check.required("traffic.synth", "duration", doc.duration());
        Duration duration = check.positiveDuration("traffic.synth.duration", durationText);
        RateCurve rateCurve = rates.rateCurve(doc, duration, durationText);
        TrafficSpec.Arrivals arrivals = doc.arrivals() == null
                ? TrafficSpec.Arrivals.POISSON
                : check.choice("traffic.synth.arrivals", doc.arrivals(), TrafficSpec.Arrivals.class);
        List<RequestDoc> docs = check.required("traffic.synth", "requests", doc.requests());
        if (docs.isEmpty()) {
            throw check.invalid("traffic.synth.requests", "needs at least one request");
        }
        List<RequestTemplate> requests = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            String path = item("traffic.synth.requests", i);
            RequestTemplate request = request(path, docs.get(i));
            String first = pathByName.putIfAbsent(request.name(), path);
            if (first != null) {
                // Names key the per-endpoint metrics, so two requests cannot share one.
                throw check.invalid(docs.get(i).name() != null ? child(path, "name") : path,
                        "duplicate request name '" + request.name() + "' (also used by " + first
                                + "); give each request a distinct name");
            }
            requests.add(request);
        }
        return new TrafficSpec(duration, rateCurve, arrivals, List.copyOf(requests));
    }

    private RequestTemplate request(String path, RequestDoc doc) throws ScenarioException {
        if (doc == null) {
            throw check.invalid(path, "empty request; expected a mapping with at least a path");
        }
        String method = doc.method() == null ? "GET" : doc.method().trim().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw check.invalid(child(path, "method"), "expected an HTTP method such as GET or POST, found '"
                    + doc.method() + "'");
        }
        String target = check.required(path, "path", doc.path());
        if (!target.startsWith("/")) {
            throw check.invalid(child(path, "path"), "must start with '/', found '" + target + "'");
        }
        if (rendersSpaces(parse(child(path, "path"), target))) {
            throw check.invalid(child(path, "path"), "must not contain spaces or control characters; percent-encode them");
        }
        // The default name keeps placeholders: "GET /v1/users/{{int:1:1000}}" is one endpoint.
        String name = doc.name() != null ? doc.name() : method + " " + stripQuery(target);
        if (name.isBlank()) {
            throw check.invalid(child(path, "name"), "must not be empty");
        }
        double weight = doc.weight() == null ? 1 : check.positive(child(path, "weight"), doc.weight());
        Map<String, String> headers = headers(child(path, "headers"), doc.headers());
        int declared = doc.sessions() == null ? 0 : (int) check.atLeast(child(path, "sessions"), doc.sessions(), 1);
        int sessions = sessions(path, declared, target, headers, doc.body());
        return new RequestTemplate(name, weight, method, target, headers, doc.body(), sessions);
    }

    /**
     * Parses every text of a request that may hold placeholders, in file order, each error at
     * its own key, and settles how many sessions the request belongs to.
     */
    private int sessions(String path, int declared, String target, Map<String, String> headers, String body)
            throws ScenarioException {
        Map<String, String> textByKey = new LinkedHashMap<>();
        textByKey.put(child(path, "path"), target);
        headers.forEach((name, value) -> textByKey.put(child(child(path, "headers"), name), value));
        if (body != null) {
            textByKey.put(child(path, "body"), body);
        }
        int sessions = declared;
        String firstSessionUse = null;
        for (Map.Entry<String, String> text : textByKey.entrySet()) {
            TemplateText parsed = parse(text.getKey(), text.getValue());
            try {
                sessions = TemplateText.agreeingSessions(sessions, parsed);
            } catch (IllegalArgumentException e) {
                throw check.invalid(text.getKey(), e.getMessage());
            }
            if (firstSessionUse == null && parsed.usesSession()) {
                firstSessionUse = text.getKey();
            }
        }
        if (sessions == 0 && firstSessionUse != null) {
            throw check.invalid(firstSessionUse, "{{session}} needs to know how many sessions there are: add"
                    + " sessions: N to the request or write {{session:N}}");
        }
        return sessions;
    }

    private TemplateText parse(String key, String text) throws ScenarioException {
        try {
            return TemplateText.parse(text);
        } catch (IllegalArgumentException e) {
            throw check.invalid(key, e.getMessage());
        }
    }

    /**
     * Whether a path could render a space or control character. Only the literal text and a
     * choice's options are copied into it (options are trimmed, so {@code {{choice: a | b }}}
     * is fine); the other generators emit digits, letters and punctuation.
     */
    private static boolean rendersSpaces(TemplateText text) {
        for (TemplateText.Part part : text.parts()) {
            if (part instanceof TemplateText.Literal literal && hasSpaces(literal.text())) {
                return true;
            }
            if (part instanceof TemplateText.Choice choice && choice.values().stream().anyMatch(SynthValidator::hasSpaces)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSpaces(String text) {
        return text.chars().anyMatch(c -> c <= ' ' || c == 0x7f);
    }

    private Map<String, String> headers(String path, Map<String, String> doc) throws ScenarioException {
        if (doc == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : doc.entrySet()) {
            String headerPath = child(path, header.getKey());
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                throw check.invalid(headerPath, "not a valid header name");
            }
            String value = check.required(path, header.getKey(), header.getValue());
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw check.invalid(headerPath, "header values must not contain line breaks");
            }
            headers.put(header.getKey(), value);
        }
        return Collections.unmodifiableMap(headers);
    }

    private static String stripQuery(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
