package io.shadowgate.cli;

import io.shadowgate.scenario.LoadedScenario;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.traffic.SynthesizedTraffic;
import io.shadowgate.traffic.TrafficFileWriter;
import io.shadowgate.traffic.TrafficHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shadowgate synth SCENARIO --out FILE}: the scenario's synthesized stream, written as a traffic file. */
@Command(name = "synth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write the scenario's synthesized traffic to a traffic file: the same scenario and seed "
                + "always give the same records (the same record SHA-256).")
final class SynthCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file with 'traffic: synth:'.")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Traffic file to write (.jsonl[.gz]).")
    Path out;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Override the traffic duration.")
    Duration duration;

    @Option(names = "--rate", paramLabel = "RPS", description = "Override the rate, requests per second.")
    Double rate;

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
    Long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioLoader.load(scenario);
        if (!loaded.scenario().traffic().isSynthesized()) {
            throw new BadInputException(scenario + ": traffic is " + loaded.scenario().traffic().describe()
                    + ", not synth; there is nothing to synthesize");
        }
        TrafficSpec model = loaded.scenario().traffic().synth();
        if (duration != null) {
            model = model.withDuration(duration);
        }
        if (rate != null) {
            model = model.withRate(rate);
        }
        long actualSeed = seed != null ? seed : loaded.scenario().seed();
        TrafficHeader header = TrafficHeader.reproducible("synth:" + scenario.getFileName() + " seed " + actualSeed,
                TrafficHeader.Redaction.NONE);
        TrafficFileWriter writer;
        try (SynthesizedTraffic traffic = new SynthesizedTraffic(model, actualSeed);
             TrafficFileWriter w = TrafficFileWriter.create(out, header)) {
            writer = w;
            while (traffic.hasNext()) {
                w.write(traffic.next());
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(scenario + ": traffic: " + e.getMessage());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d requests to %s (records SHA-256 %s)%n",
                writer.records(), out, writer.sha256());
        spec.commandLine().getOut().flush();
        return ExitCode.GO;
    }
}
