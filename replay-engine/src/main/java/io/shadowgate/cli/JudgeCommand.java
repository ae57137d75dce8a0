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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shadowgate judge}: offline comparison of two sample sets read from files.
 *
 * <p>Two modes: {@code --gate} judges the files with the same gates and decision rule as
 * {@code run} (see {@link OfflineGates}); {@code --classify} is Kayenta's Mann–Whitney
 * classification of one metric. Which options go with which mode is checked here rather
 * than by picocli.
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
            "--gate judges the candidate with the same gates and rule as run, and exits like run: 0 GO, 1 NO_GO, "
                + "2 INCONCLUSIVE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:GO (--gate), or classified whatever the classification (--classify: information, not a verdict)",
            " 1:NO_GO (--gate)",
            " 2:INCONCLUSIVE (--gate)",
            "64:usage error",
            "65:a sample file cannot be read or holds something that is not a number"})
final class JudgeCommand implements Callable<Integer> {

    /** Classification is information: the exit code does not carry it. */
    private static final int CLASSIFIED = 0;

    @Option(names = "--gate", paramLabel = "SPEC",
            description = "A gate, repeatable: pNN=+X%% (candidate at most X %% above the baseline) or pNN<=DURATION "
                    + "(an absolute budget), e.g. --gate p99=+10%% --gate p99<=250ms. Judged with the same rule as run.")
    List<String> gates = new ArrayList<>();

    @Option(names = "--paired", description = "Value i of one file is the same request as value i of the other "
            + "(shadow traffic): the comparison uses the pairing.")
    boolean paired;

    @Option(names = "--unit", paramLabel = "ms|us|s", defaultValue = "ms",
            description = "Unit of the values in the files for --gate (default: ${DEFAULT-VALUE}).")
    String unit;

    @Option(names = "--min-samples", paramLabel = "N", defaultValue = "200",
            description = "Fewest values per side below which a gate is INCONCLUSIVE (default: ${DEFAULT-VALUE}).")
    long minSamples;

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
            return judgeGates();
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

    /** {@code --gate} mode: GO (0), NO_GO (1) or INCONCLUSIVE (2), as {@code run} exits. */
    private int judgeGates() throws BadInputException {
        if (gates.isEmpty() || baseline == null || candidate == null) {
            throw usage("judge needs --baseline FILE, --candidate FILE and at least one --gate (or --classify)");
        }
        double level = confidence == null ? io.shadowgate.scenario.Gates.DEFAULT_CONFIDENCE : confidence;
        if (!(level >= 0.5 && level < 1)) {
            throw usage("--confidence must be at least 0.5 and below 1, was " + level);
        }
        double millisPerUnit = switch (unit.toLowerCase(java.util.Locale.ROOT)) {
            case "ms" -> 1;
            case "us", "µs" -> 0.001;
            case "s" -> 1000;
            default -> throw usage("--unit must be ms, us or s, was '" + unit + "'");
        };
        io.shadowgate.scenario.Gates parsed;
        try {
            parsed = OfflineGates.parse(gates, minSamples, level);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (paired && (isLog(baseline) || isLog(candidate))) {
            // A histogram log keeps values, not requests: its i-th value is the i-th smallest,
            // and pairing sorted values makes the interval several times too narrow.
            throw usage("--paired needs files that keep the requests in order (text or CSV); an .hlog keeps only "
                    + "the distribution, so judge .hlog files without --paired");
        }
        SampleSet[] both = SampleFiles.readBoth(baseline, candidate, column);
        SampleSet base = both[0];
        SampleSet cand = both[1];
        if (paired && base.values().length != cand.values().length) {
            throw new BadInputException("--paired needs as many values in " + candidate + " (" + cand.values().length
                    + ") as in " + baseline + " (" + base.values().length + ")");
        }
        return OfflineGates.judge(parsed, base.values(), cand.values(), millisPerUnit, paired, json,
                spec.commandLine().getOut()).decision().exitCode();
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

    private static boolean isLog(java.nio.file.Path file) {
        return file.getFileName().toString().endsWith(".hlog");
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
