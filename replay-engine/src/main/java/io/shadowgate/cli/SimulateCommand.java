package io.shadowgate.cli;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.sim.SimulatedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shadowgate simulate}: one simulated model server on its own, until Ctrl-C. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a simulated model server (POST /v1/predict, GET /healthz) until interrupted.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Behaviour from a YAML/JSON file holding the keys of a scenario's 'simulated:' block "
                    + "(version, latency, errorRate, errorStatus, faults, responses, concurrency); overrides the behaviour options below.")
    Path profileFile;

    @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = "1.0.0",
            description = "Model version served; it seeds the model's weights (default: ${DEFAULT-VALUE}).")
    String modelVersion;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; loopback unless told otherwise).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--median", defaultValue = "5ms", converter = DurationConverter.class,
            description = "Median response time (default: ${DEFAULT-VALUE}).")
    Duration median;

    @Option(names = "--sigma", defaultValue = "0.3", description = "Log-normal shape of response times (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--tail-probability", defaultValue = "0", converter = FractionConverter.class,
            description = "Share of requests drawn from the slow tail, e.g. 1%% (default: ${DEFAULT-VALUE}).")
    double tailProbability;

    @Option(names = "--tail", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Median response time of the tail (default: ${DEFAULT-VALUE}).")
    Duration tail;

    @Option(names = "--error-rate", defaultValue = "0", converter = FractionConverter.class,
            description = "Share of predictions answered with --error-status, e.g. 2%% (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--error-status", defaultValue = "503", description = "Status of injected errors (default: ${DEFAULT-VALUE}).")
    int errorStatus;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for simulated latency and errors (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (errorStatus < 500 || errorStatus > 599) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--error-status must be a 5xx status, was " + errorStatus);
        }
        if (sigma < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sigma must be >= 0, was " + sigma);
        }
        SimulatedProfile profile = profileFile != null
                ? ScenarioLoader.loadProfile(profileFile)
                : new SimulatedProfile(modelVersion, new LatencyProfile(millis(median), sigma, tailProbability, millis(tail)),
                        errorRate, errorStatus, List.of());
        try (SimulatedServer server = SimulatedServer.start(profile, host, port, seed)) {
            spec.commandLine().getOut().printf("simulated model %s listening on %s (Ctrl-C to stop)%n",
                    profile.version(), server.address());
            spec.commandLine().getOut().flush();
            server.awaitClose();
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
        return ExitCode.GO;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
