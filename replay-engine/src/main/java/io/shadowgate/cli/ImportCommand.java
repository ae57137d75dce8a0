package io.shadowgate.cli;

import io.shadowgate.scenario.TrafficInput;
import io.shadowgate.traffic.Redactor;
import io.shadowgate.traffic.TrafficFileWriter;
import io.shadowgate.traffic.TrafficHeader;
import io.shadowgate.traffic.TrafficSource;
import io.shadowgate.traffic.TrafficSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shadowgate import FORMAT IN --out FILE}: a HAR, GoReplay capture or access log → a traffic file. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Convert a HAR, GoReplay (.gor) capture or access log into a Shadowgate traffic file, "
                + "redacting credentials unless told not to.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FORMAT", description = "har, gor or accesslog.")
    String format;

    @Parameters(index = "1", paramLabel = "IN", description = "The capture to convert.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Traffic file to write (.jsonl, or .jsonl.gz for gzip).")
    Path out;

    @Option(names = "--redact-header", paramLabel = "NAME",
            description = "Also redact this header (repeatable); Authorization, Proxy-Authorization, Cookie and "
                    + "Set-Cookie always are, unless --no-redact.")
    List<String> redactHeaders = new ArrayList<>();

    @Option(names = "--redact-field", paramLabel = "NAME",
            description = "Redact this JSON body field wherever it appears (repeatable).")
    List<String> redactFields = new ArrayList<>();

    @Option(names = "--no-redact", description = "Keep every credential as captured (the file's header says so).")
    boolean noRedact;

    @Option(names = "--skip-bad-records", description = "Count and skip lines that do not parse (access logs).")
    boolean skipBadRecords;

    @Option(names = "--seed", defaultValue = "0",
            description = "Access logs: 0 spreads the requests of a second evenly; another seed spreads them at "
                    + "seeded random instants (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrafficInput.Format kind = kind();
        if (noRedact && (!redactHeaders.isEmpty() || !redactFields.isEmpty())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--no-redact cannot be combined with --redact-header or --redact-field");
        }
        Redactor redactor = noRedact ? Redactor.none() : Redactor.withDefaults(redactHeaders, redactFields);
        TrafficInput input = TrafficInput.recorded(kind, in, skipBadRecords);
        String source = kind.name().toLowerCase(Locale.ROOT) + ":" + in.getFileName();
        TrafficFileWriter writer;
        try (TrafficSource traffic = redactor.redacting(TrafficSources.open(input, seed));
             TrafficFileWriter w = TrafficFileWriter.create(out, TrafficHeader.of(source, redactor.description()))) {
            writer = w;
            while (traffic.hasNext()) {
                w.write(traffic.next());
            }
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "imported %d requests from %s into %s (records SHA-256 %s)%s%n",
                writer.records(), in, out, writer.sha256(), noRedact ? "; NOT redacted" : "; credentials redacted");
        spec.commandLine().getOut().flush();
        return ExitCode.GO;
    }

    private TrafficInput.Format kind() {
        try {
            TrafficInput.Format kind = TrafficInput.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
            if (kind != TrafficInput.Format.FILE) {
                return kind;
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the message below.
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "unknown import format '" + format + "' (expected har, gor or accesslog)");
    }
}
