package io.shadowgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.compare.KayentaClassifier;
import io.shadowgate.compare.KayentaClassifier.Direction;
import io.shadowgate.compare.KayentaClassifier.EffectSize;
import io.shadowgate.compare.KayentaClassifierResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shadowgate judge}: offline comparison of two sample sets read from files.
 *
 * <p>One mode exists so far, {@code --classify}: Kayenta's Mann–Whitney classification of
 * one metric. Offline gate judging (GO / NO_GO / INCONCLUSIVE from the files) will be a
 * second mode of this command; until it is built, {@code judge} without {@code --classify}
 * is a usage error that says so. The options below beyond the file ones belong to
 * {@code --classify}, which is why their presence is checked here rather than by picocli.
 */
@Command(name = "judge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Offline comparison of a baseline and a candidate sample set: text files with one number "
                + "per line, CSV files (--column) or HdrHistogram .hlog interval logs.",
            "--classify classifies the candidate as Spinnaker Kayenta's Mann-Whitney classifier does: Pass, High, "
                + "Low or Nodata, with the Hodges-Lehmann shift (candidate - baseline), its confidence interval "
                + "and the effect size.",
            ".hlog files: every interval, each bucket as its median-equivalent value in the log's unit, at most "
                + "5,000,000 values per file. NaN values and empty CSV cells are left out and counted on stderr.",
            "Offline gate judging is not built yet, so --classify is required."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:classified, whatever the classification (it is information, not a verdict)",
            "64:usage error",
            "65:a sample file cannot be read or holds something that is not a number"})
final class JudgeCommand implements Callable<Integer> {

    /** Classification is information: the exit code does not carry it. */
    private static final int CLASSIFIED = 0;

    @Option(names = "--classify", description = "Classify the candidate against the baseline (Kayenta's Mann-Whitney classifier).")
    boolean classify;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline values: text, CSV or .hlog.")
    Path baseline;

    @Option(names = "--candidate", paramLabel = "FILE", description = "Candidate values: text, CSV or .hlog.")
    Path candidate;

    @Option(names = "--column", paramLabel = "NAME", description = "CSV column to read from both files.")
    String column;

    @Option(names = "--direction", paramLabel = "increase|decrease|either", defaultValue = "either",
            converter = DirectionConverter.class,
            description = "Which changes count against the candidate (default: ${DEFAULT-VALUE}).")
    Direction direction;

    @Option(names = "--tolerance", paramLabel = "T",
            description = "The interval must clear T x |shift estimate| to count, e.g. 0.25 (Kayenta's usual value).")
    Double tolerance;

    @Option(names = "--confidence", paramLabel = "C", converter = FractionConverter.class,
            description = "Confidence level of the interval, e.g. 0.95 or 95%%.")
    Double confidence;

    @Option(names = "--effect-size", paramLabel = "mean-ratio|cles", defaultValue = "mean-ratio",
            converter = EffectSizeConverter.class,
            description = "Effect-size measure: mean(candidate)/mean(baseline), or the common-language effect size "
                    + "P(candidate > baseline) (default: ${DEFAULT-VALUE}).")
    EffectSize effectSize;

    @Option(names = "--allowed-increase", paramLabel = "X",
            description = "High needs an effect size >= X (default: 1.0 for mean-ratio, 0.5 for cles).")
    Double allowedIncrease;

    @Option(names = "--allowed-decrease", paramLabel = "Y",
            description = "Low needs an effect size <= Y (default: 1.0 for mean-ratio, 0.5 for cles).")
    Double allowedDecrease;

    @Option(names = "--critical-increase", paramLabel = "X2",
            description = "A High with an effect size >= X2 is critical (default: none).")
    Double criticalIncrease;

    @Option(names = "--critical-decrease", paramLabel = "Y2",
            description = "A Low with an effect size <= Y2 is critical (default: none).")
    Double criticalDecrease;

    @Option(names = "--json", description = "Print one JSON object: classification, critical, estimate, ci, effectSize; "
            + "null where there is no number (Nodata; effectSize when the baseline mean is 0).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        if (!classify) {
            throw usage("judge needs --classify; offline gate judging is not built yet");
        }
        KayentaClassifier classifier = classifier();
        SampleSet base = SampleFiles.read(baseline, column);
        SampleSet cand = SampleFiles.read(candidate, column);
        PrintWriter err = spec.commandLine().getErr();
        for (SampleSet s : new SampleSet[] {base, cand}) {
            if (s.skipped() > 0) {
                err.println("shadowgate: note: " + s.file() + ": left out " + s.skipped() + " entries with no value (NaN or empty)");
            }
        }
        err.flush();
        KayentaClassifierResult result = classifier.classify(base.values(), cand.values());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(result) : text(result, classifier, base, cand));
        out.flush();
        return CLASSIFIED;
    }

    private KayentaClassifier classifier() {
        if (baseline == null || candidate == null || tolerance == null || confidence == null) {
            throw usage("judge --classify needs --baseline FILE, --candidate FILE, --tolerance T and --confidence C");
        }
        if (!(tolerance >= 0) || tolerance.isInfinite()) {
            throw usage("--tolerance must be a number >= 0, was " + tolerance);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw usage("--confidence must be between 0 and 1 (exclusive), was " + confidence);
        }
        double noEffect = effectSize.noEffect();
        try {
            return new KayentaClassifier(direction, tolerance, confidence, effectSize,
                    allowedIncrease == null ? noEffect : allowedIncrease,
                    allowedDecrease == null ? noEffect : allowedDecrease, criticalIncrease, criticalDecrease);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The {@code --json} contract: exactly these five fields; JSON has no NaN, so "none" is null. */
    static String json(KayentaClassifierResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("classification", result.classification().kayentaName());
        node.put("critical", result.critical());
        number(node, "estimate", result.estimate());
        if (result.test() == null) {
            node.putNull("ci");
        } else {
            ArrayNode ci = node.putArray("ci");
            ci.add(result.lower());
            ci.add(result.upper());
        }
        number(node, "effectSize", result.effectSize());
        return node.toString();
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String text(KayentaClassifierResult r, KayentaClassifier classifier, SampleSet base, SampleSet cand) {
        StringBuilder s = new StringBuilder(r.classification().kayentaName()).append(r.critical() ? " (critical)" : "");
        s.append(String.format(Locale.ROOT, "%n  baseline: %d values from %s%n  candidate: %d values from %s",
                base.values().length, base.file(), cand.values().length, cand.file()));
        if (r.test() == null) {
            return s.append(String.format(Locale.ROOT, "%n  no data: a side has no values")).toString();
        }
        s.append(String.format(Locale.ROOT, "%n  shift (candidate - baseline): %.6g, %s%% interval [%.6g, %.6g], p = %.3g",
                r.estimate(), percent(classifier.confidence()), r.lower(), r.upper(), r.test().pValue()));
        s.append(String.format(Locale.ROOT, "%n  the interval must clear +/-%.6g (tolerance %s x |shift|)",
                classifier.tolerance() * Math.abs(r.estimate()), classifier.tolerance()));
        s.append(String.format(Locale.ROOT, "%n  effect size (%s): %s", EffectSizeConverter.name(classifier.effectSize()),
                Double.isNaN(r.effectSize()) ? "cannot be computed (ignored)" : String.format(Locale.ROOT, "%.6g", r.effectSize())));
        return s.toString();
    }

    private static String percent(double confidence) {
        return java.math.BigDecimal.valueOf(confidence * 100).stripTrailingZeros().toPlainString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** increase, decrease or either, in any case. */
    static final class DirectionConverter implements CommandLine.ITypeConverter<Direction> {
        @Override
        public Direction convert(String value) {
            try {
                return Direction.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not increase, decrease or either");
            }
        }
    }

    /** mean-ratio or cles, in any case. */
    static final class EffectSizeConverter implements CommandLine.ITypeConverter<EffectSize> {
        @Override
        public EffectSize convert(String value) {
            for (EffectSize e : EffectSize.values()) {
                if (name(e).equalsIgnoreCase(value)) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not mean-ratio or cles");
        }

        static String name(EffectSize e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
