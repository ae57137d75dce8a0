package io.shadowgate.scenario;

import io.shadowgate.scenario.TemplateText.Choice;
import io.shadowgate.scenario.TemplateText.Features;
import io.shadowgate.scenario.TemplateText.FloatRange;
import io.shadowgate.scenario.TemplateText.IntRange;
import io.shadowgate.scenario.TemplateText.Part;
import io.shadowgate.scenario.TemplateText.Seq;
import io.shadowgate.scenario.TemplateText.Session;
import io.shadowgate.scenario.TemplateText.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses what is between one {@code {{ }}} pair into a {@link TemplateText.Part}. Pure;
 * every failure is an IllegalArgumentException that quotes the placeholder as written.
 */
final class TemplatePlaceholders {

    private TemplatePlaceholders() {
    }

    static Part parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        // Only the name is split off here: a choice's options may contain ':' (times, URNs).
        String rest = colon < 0 ? null : spec.substring(colon + 1);
        try {
            return switch (kind) {
                case "seq" -> noArguments(spec, rest, new Seq());
                case "uuid" -> noArguments(spec, rest, new Uuid());
                case "int" -> {
                    String[] args = arguments(spec, rest, 2);
                    long min = Long.parseLong(args[0]);
                    long max = Long.parseLong(args[1]);
                    // max + 1 is the exclusive bound the renderer draws below.
                    requireValid(min <= max && max < Long.MAX_VALUE, spec);
                    yield new IntRange(min, max);
                }
                case "float" -> {
                    String[] args = arguments(spec, rest, 2);
                    double min = Double.parseDouble(args[0]);
                    double max = Double.parseDouble(args[1]);
                    requireValid(Double.isFinite(min) && Double.isFinite(max) && min < max, spec);
                    yield new FloatRange(min, max);
                }
                case "features" -> {
                    int n = Integer.parseInt(arguments(spec, rest, 1)[0]);
                    requireValid(n > 0 && n <= 100_000, spec);
                    yield new Features(n);
                }
                case "choice" -> choice(spec, rest);
                case "session" -> {
                    if (rest == null) {
                        yield new Session(0);
                    }
                    int n = Integer.parseInt(rest.trim());
                    requireValid(n > 0, spec);
                    yield new Session(n);
                }
                default -> throw new IllegalArgumentException("unknown placeholder '{{" + spec + "}}' (expected "
                        + TemplateText.KNOWN + ")");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' needs numbers, e.g. {{int:1:100}},"
                    + " {{features:8}}, {{session:1000}}");
        }
    }

    private static Part noArguments(String spec, String rest, Part part) {
        if (rest != null) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' takes 0 argument(s)");
        }
        return part;
    }

    private static String[] arguments(String spec, String rest, int expected) {
        String[] args = rest == null ? new String[0] : rest.split(":", -1);
        if (args.length != expected) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' takes " + expected + " argument(s)");
        }
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].trim();
        }
        return args;
    }

    private static void requireValid(boolean ok, String spec) {
        if (!ok) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' has an empty or invalid range");
        }
    }

    /** {@code a|b|c} (equally likely) or {@code a=3|b=1} (weighted): never both. */
    private static Choice choice(String spec, String rest) {
        if (rest == null || rest.isBlank()) {
            throw new IllegalArgumentException("placeholder '{{" + spec + "}}' needs options, e.g."
                    + " {{choice:red|green|blue}} or {{choice:red=3|green=1}}");
        }
        String[] options = rest.split("\\|", -1);
        boolean weighted = rest.indexOf('=') >= 0;
        List<String> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String option : options) {
            String trimmed = option.trim();
            if (!weighted) {
                values.add(trimmed);
                weights.add(1.0);
                continue;
            }
            int equals = trimmed.lastIndexOf('=');
            double weight = equals < 0 ? Double.NaN : parseWeight(trimmed.substring(equals + 1).trim());
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("placeholder '{{" + spec + "}}': option '" + trimmed
                        + "' needs a weight greater than 0 after '=' (once one option has '=', all give weights,"
                        + " e.g. {{choice:red=3|green=1}}; write a literal '=' outside the placeholder)");
            }
            values.add(trimmed.substring(0, equals).trim());
            weights.add(weight);
        }
        return new Choice(values, weights);
    }

    private static double parseWeight(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
