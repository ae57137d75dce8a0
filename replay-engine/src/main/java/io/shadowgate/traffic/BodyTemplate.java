package io.shadowgate.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A request body with {@code {{...}}} placeholders, parsed once and rendered per request.
 * Placeholders: {@code seq} (the request id), {@code uuid}, {@code int:MIN:MAX},
 * {@code float:MIN:MAX}, {@code features:N} (a JSON array of N numbers in [-1, 1]).
 * Immutable; {@link #render} is safe from any thread given its own random.
 */
public final class BodyTemplate {

    private final List<Part> parts;

    private BodyTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code text}; throws IllegalArgumentException naming the bad placeholder. */
    public static BodyTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
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
            parts.add(placeholder(text.substring(open + 2, close).trim()));
            at = close + 2;
        }
        return new BodyTemplate(List.copyOf(parts));
    }

    public byte[] render(long seq, SplittableRandom random) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
            return literal.bytes();
        }
        StringBuilder out = new StringBuilder(64);
        for (Part part : parts) {
            part.appendTo(out, seq, random);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Part placeholder(String spec) {
        String[] args = spec.split(":", -1);
        String kind = args[0].toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "seq" -> arity(args, 1, (out, seq, random) -> out.append(seq));
                case "uuid" -> arity(args, 1, (out, seq, random) ->
                        out.append(new UUID(random.nextLong(), random.nextLong())));
                case "int" -> {
                    long min = Long.parseLong(args[1]);
                    long max = Long.parseLong(args[2]);
                    requireOrdered(min <= max, spec);
                    yield arity(args, 3, (out, seq, random) -> out.append(random.nextLong(min, max + 1)));
                }
                case "float" -> {
                    double min = Double.parseDouble(args[1]);
                    double max = Double.parseDouble(args[2]);
                    requireOrdered(min < max, spec);
                    yield arity(args, 3, (out, seq, random) -> out.append(round6(random.nextDouble(min, max))));
                }
                case "features" -> {
                    int n = Integer.parseInt(args[1]);
                    requireOrdered(n > 0 && n <= 100_000, spec);
                    yield arity(args, 2, (out, seq, random) -> appendFeatures(out, n, random));
                }
                default -> throw new IllegalArgumentException("unknown placeholder '{{" + spec
                        + "}}' (expected seq, uuid, int:MIN:MAX, float:MIN:MAX or features:N)");
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' needs numbers, e.g. {{int:1:100}}, {{features:8}}");
        }
    }

    private static Part arity(String[] args, int expected, Part part) {
        if (args.length != expected) {
            throw new IllegalArgumentException("placeholder '{{" + String.join(":", args) + "}}' takes "
                    + (expected - 1) + " argument(s)");
        }
        return part;
    }

    private static void requireOrdered(boolean ok, String spec) {
        if (!ok) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' has an empty or invalid range");
        }
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
        void appendTo(StringBuilder out, long seq, SplittableRandom random);
    }

    private record Literal(String text, byte[] bytes) implements Part {
        Literal(String text) {
            this(text, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void appendTo(StringBuilder out, long seq, SplittableRandom random) {
            out.append(text);
        }
    }
}
