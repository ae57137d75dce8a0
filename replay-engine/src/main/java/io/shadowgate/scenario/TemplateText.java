package io.shadowgate.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A request's path, header value or body as written: literal text and {@code {{...}}}
 * placeholders, parsed. Syntax only, kept in the scenario package so that the loader can refuse
 * a bad placeholder at its key in the file; {@code io.shadowgate.traffic.BodyTemplate} renders
 * the parts per request. Immutable.
 *
 * <p>Placeholders (the name is case-insensitive):
 * <ul>
 *   <li>{@code {{seq}}}: the request's id in the stream;
 *   <li>{@code {{uuid}}}: a random UUID;
 *   <li>{@code {{int:MIN:MAX}}}: a whole number in [MIN, MAX];
 *   <li>{@code {{float:MIN:MAX}}}: a number in [MIN, MAX), 6 decimals;
 *   <li>{@code {{features:N}}}: a JSON array of N numbers in [-1, 1];
 *   <li>{@code {{choice:red|green|blue}}}: one of the options, equally likely, or weighted as
 *       {@code {{choice:red=3|green=1}}}. Options are separated by '|', which JSON never uses
 *       between values, and inserted as written (quote them in JSON yourself:
 *       {@code "{{choice:a|b}}"}). If any option has an '=', all must end in {@code =WEIGHT},
 *       so a literal '=' belongs outside: {@code ?sort={{choice:asc|desc}}};
 *   <li>{@code {{session}}}: the request's session key; {@code {{session:N}}} also says the
 *       request belongs to one of N sessions (like {@code sessions: N} on the request).
 * </ul>
 */
public record TemplateText(List<Part> parts) {

    /** How the placeholders read in messages. */
    public static final String KNOWN = "seq, uuid, int:MIN:MAX, float:MIN:MAX, features:N, choice:A|B|C, "
            + "session or session:N";

    public TemplateText {
        parts = List.copyOf(parts);
    }

    /** One piece of a template. */
    public sealed interface Part permits Literal, Seq, Uuid, IntRange, FloatRange, Features, Choice, Session {
    }

    public record Literal(String text) implements Part {
    }

    public record Seq() implements Part {
    }

    public record Uuid() implements Part {
    }

    public record IntRange(long min, long max) implements Part {
    }

    public record FloatRange(double min, double max) implements Part {
    }

    public record Features(int count) implements Part {
    }

    /** @param weights one per value, each greater than 0 (all 1 when none were written) */
    public record Choice(List<String> values, List<Double> weights) implements Part {
        public Choice {
            values = List.copyOf(values);
            weights = List.copyOf(weights);
        }
    }

    /** @param count the N of {@code {{session:N}}}, or 0 for plain {@code {{session}}} */
    public record Session(int count) implements Part {
    }

    /** Parses {@code text}; throws IllegalArgumentException naming the bad placeholder. */
    public static TemplateText parse(String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        int sessions = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder '{{' at character " + (open + 1));
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            Part part = TemplatePlaceholders.parse(text.substring(open + 2, close).trim());
            if (part instanceof Session session && session.count() > 0) {
                sessions = agree(sessions, session.count());
            }
            parts.add(part);
            at = close + 2;
        }
        return new TemplateText(parts);
    }

    /** True if rendering can only give the text itself. */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** True if the text renders the request's session key. */
    public boolean usesSession() {
        return parts.stream().anyMatch(p -> p instanceof Session);
    }

    /** The N this text's {@code {{session:N}}} placeholders give, or 0 if they give none. */
    public int sessionCount() {
        return parts.stream().mapToInt(p -> p instanceof Session s ? s.count() : 0).max().orElse(0);
    }

    /**
     * The number of sessions a request has once one more of its texts is read: a request
     * belongs to one session, so every count it names (its {@code sessions} key, each
     * {@code {{session:N}}}) must agree. 0 means "none named yet".
     *
     * @throws IllegalArgumentException if {@code text} names another count
     */
    public static int agreeingSessions(int sessionsSoFar, TemplateText text) {
        return agree(sessionsSoFar, text.sessionCount());
    }

    private static int agree(int sessionsSoFar, int named) {
        if (named == 0 || named == sessionsSoFar) {
            return Math.max(sessionsSoFar, named);
        }
        if (sessionsSoFar == 0) {
            return named;
        }
        throw new IllegalArgumentException("{{session:" + named + "}} names " + named + " sessions, but this request"
                + " already has " + sessionsSoFar + " (from sessions: or another {{session:N}}); a request belongs to"
                + " one session, so give the count once");
    }
}
