package io.shadowgate.traffic;

import io.shadowgate.scenario.TemplateText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A text with {@code {{...}}} placeholders (a body, a path or a header value), compiled once
 * from its {@link TemplateText} and rendered per request. The placeholders are listed on
 * {@link TemplateText}. Immutable; {@link #render} is safe from any thread given its own random.
 */
public final class BodyTemplate {

    private final List<Part> parts;
    /** The whole text when it has no placeholders: rendered without building anything. */
    private final String literal;
    private final byte[] literalBytes;

    private BodyTemplate(List<Part> parts, String literal) {
        this.parts = parts;
        this.literal = literal;
        this.literalBytes = literal == null ? null : literal.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code text}; throws IllegalArgumentException naming the bad placeholder. */
    public static BodyTemplate parse(String text) {
        return of(TemplateText.parse(text));
    }

    public static BodyTemplate of(TemplateText text) {
        if (text.isLiteral()) {
            StringBuilder whole = new StringBuilder();
            text.parts().forEach(p -> whole.append(((TemplateText.Literal) p).text()));
            return new BodyTemplate(List.of(), whole.toString());
        }
        List<Part> parts = new ArrayList<>();
        for (TemplateText.Part part : text.parts()) {
            parts.add(compile(part));
        }
        return new BodyTemplate(List.copyOf(parts), null);
    }

    /** Renders without a session; a template that uses {@code {{session}}} needs {@link #render(long, String, SplittableRandom)}. */
    public byte[] render(long seq, SplittableRandom random) {
        return render(seq, null, random);
    }

    /** The rendered bytes (UTF-8) for request {@code seq} of session {@code session} (null for none). */
    public byte[] render(long seq, String session, SplittableRandom random) {
        return literal != null ? literalBytes : renderText(seq, session, random).getBytes(StandardCharsets.UTF_8);
    }

    /** The rendered text, for paths and header values. */
    public String renderText(long seq, String session, SplittableRandom random) {
        if (literal != null) {
            return literal;
        }
        StringBuilder out = new StringBuilder(64);
        for (Part part : parts) {
            part.appendTo(out, seq, session, random);
        }
        return out.toString();
    }

    public boolean isLiteral() {
        return literal != null;
    }

    // Each generator draws from the random in a fixed order, so a seed gives the same text.
    private static Part compile(TemplateText.Part part) {
        if (part instanceof TemplateText.Literal l) {
            String text = l.text();
            return (out, seq, session, random) -> out.append(text);
        }
        if (part instanceof TemplateText.Seq) {
            return (out, seq, session, random) -> out.append(seq);
        }
        if (part instanceof TemplateText.Uuid) {
            return (out, seq, session, random) -> out.append(new UUID(random.nextLong(), random.nextLong()));
        }
        if (part instanceof TemplateText.IntRange r) {
            long min = r.min();
            long bound = r.max() + 1;
            return (out, seq, session, random) -> out.append(random.nextLong(min, bound));
        }
        if (part instanceof TemplateText.FloatRange r) {
            double min = r.min();
            double max = r.max();
            return (out, seq, session, random) -> out.append(round6(random.nextDouble(min, max)));
        }
        if (part instanceof TemplateText.Features f) {
            int n = f.count();
            return (out, seq, session, random) -> appendFeatures(out, n, random);
        }
        if (part instanceof TemplateText.Choice c) {
            return new WeightedChoice(c);
        }
        return (out, seq, session, random) -> {
            if (session == null) {
                throw new IllegalArgumentException("{{session}} needs a session key, and this request has none");
            }
            out.append(session);
        };
    }

    private static void appendFeatures(StringBuilder out, int n, SplittableRandom random) {
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(round6(random.nextDouble(-1.0, 1.0)));
        }
        out.append(']');
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    @FunctionalInterface
    private interface Part {
        void appendTo(StringBuilder out, long seq, String session, SplittableRandom random);
    }

    /** One draw per render: a point in [0, total weight) located among the cumulative weights. */
    private static final class WeightedChoice implements Part {
        private final String[] values;
        private final double[] cumulative;

        WeightedChoice(TemplateText.Choice choice) {
            values = choice.values().toArray(new String[0]);
            cumulative = new double[values.length];
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += choice.weights().get(i);
                cumulative[i] = sum;
            }
        }

        @Override
        public void appendTo(StringBuilder out, long seq, String session, SplittableRandom random) {
            double point = random.nextDouble() * cumulative[cumulative.length - 1];
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (point < cumulative[mid]) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            out.append(values[low]);
        }
    }
}
