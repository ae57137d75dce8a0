package io.shadowgate.traffic;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TemplateText;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One {@link RequestTemplate} compiled for the synthesizer: path, header values and body parsed
 * once and rendered per request, and its session count settled. Immutable. It draws only from
 * the randoms it is handed, one per concern, so that the caller can keep sessions, paths and
 * headers, and bodies on separate streams: editing a body then never changes a path.
 */
final class RequestGenerator {

    private static final byte[] NO_BODY = new byte[0];
    private static final HexFormat HEX = HexFormat.of();

    private final String endpoint;
    private final String method;
    private final BodyTemplate path;
    private final List<String> headerNames;
    private final List<BodyTemplate> headerValues;
    /** The headers themselves when no value has a placeholder: shared by every request. */
    private final List<Header> literalHeaders;
    private final BodyTemplate body;
    private final int sessions;

    private RequestGenerator(RequestTemplate t, BodyTemplate path, List<String> headerNames,
                             List<BodyTemplate> headerValues, BodyTemplate body, int sessions) {
        this.endpoint = t.name();
        this.method = t.method();
        this.path = path;
        this.headerNames = headerNames;
        this.headerValues = headerValues;
        this.literalHeaders = headerValues.stream().allMatch(BodyTemplate::isLiteral) ? render(0, null, null) : null;
        this.body = body;
        this.sessions = sessions;
    }

    /**
     * Compiles {@code t}. Loaded scenarios were checked already, with file positions; this
     * repeats the checks for templates built in code.
     *
     * @throws IllegalArgumentException naming the request and the problem
     */
    static RequestGenerator of(RequestTemplate t) {
        try {
            int sessions = t.sessions();
            boolean usesSession = false;
            TemplateText pathText = TemplateText.parse(t.path());
            sessions = TemplateText.agreeingSessions(sessions, pathText);
            usesSession |= pathText.usesSession();
            List<String> names = new ArrayList<>();
            List<BodyTemplate> values = new ArrayList<>();
            for (Map.Entry<String, String> header : t.headers().entrySet()) {
                TemplateText value = TemplateText.parse(header.getValue());
                sessions = TemplateText.agreeingSessions(sessions, value);
                usesSession |= value.usesSession();
                names.add(header.getKey());
                values.add(BodyTemplate.of(value));
            }
            BodyTemplate body = null;
            if (t.body() != null) {
                TemplateText bodyText = TemplateText.parse(t.body());
                sessions = TemplateText.agreeingSessions(sessions, bodyText);
                usesSession |= bodyText.usesSession();
                body = BodyTemplate.of(bodyText);
            }
            if (usesSession && sessions == 0) {
                throw new IllegalArgumentException("{{session}} needs a session count: set sessions or write {{session:N}}");
            }
            return new RequestGenerator(t, BodyTemplate.of(pathText), List.copyOf(names), List.copyOf(values), body,
                    sessions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("request '" + t.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Session {@code index}'s key: 16 hex digits, the same for that index in every run and
     * every template (so one user's session spans endpoints), and opaque, as real ids are.
     * The SplitMix64 finalizer is a bijection, so distinct sessions never share a key.
     */
    static String sessionKey(int index) {
        long z = (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return HEX.toHexDigits(z ^ (z >>> 31));
    }

    /**
     * Request {@code id}. The session is drawn uniformly and independently per request, so
     * each session's requests are spread over the whole run rather than bunched.
     */
    Request request(long id, long offsetMicros, SplittableRandom sessionRandom, SplittableRandom fieldRandom,
                    SplittableRandom bodyRandom) {
        String session = sessions == 0 ? null : sessionKey(sessionRandom.nextInt(sessions));
        String target = path.renderText(id, session, fieldRandom);
        List<Header> headers = literalHeaders != null ? literalHeaders : render(id, session, fieldRandom);
        byte[] bytes = body == null ? NO_BODY : body.render(id, session, bodyRandom);
        return new Request(id, offsetMicros, endpoint, method, target, headers, bytes, session, null);
    }

    private List<Header> render(long id, String session, SplittableRandom random) {
        List<Header> headers = new ArrayList<>(headerNames.size());
        for (int i = 0; i < headerNames.size(); i++) {
            headers.add(new Header(headerNames.get(i), headerValues.get(i).renderText(id, session, random)));
        }
        return List.copyOf(headers);
    }
}
