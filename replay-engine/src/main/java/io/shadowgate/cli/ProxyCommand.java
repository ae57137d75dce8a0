package io.shadowgate.cli;

import io.shadowgate.capture.Upstream;
import io.shadowgate.scenario.FaultSpec;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.sim.FaultProxy;
import io.shadowgate.sim.FaultProxyOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shadowgate proxy}: a fault-injecting reverse proxy until SIGINT/SIGTERM, for rehearsals
 * against a real service. Says on stderr where it listens and when each fault starts and ends;
 * the shutdown hook closes it.
 */
@Command(name = "proxy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a fault-injecting reverse proxy until interrupted: forward HTTP/1.1 traffic to --upstream "
                + "and inject the faults of --faults on their schedule (stall, slow, errors, reset, hang, slow-body).")
final class ProxyCommand implements Callable<Integer> {

    @Mixin
    ReverseProxyAddresses addresses;

    @Option(names = "--faults", required = true, paramLabel = "FILE",
            description = "YAML (or .json) file: faults: [{kind: errors, at: 10s, duration: 5s, fraction: 50%%, "
                    + "status: 503}, ...], with the keys of a simulated target's faults.")
    Path faultsFile;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the draws that pick which requests a fault hits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start-at", paramLabel = "EPOCH_MILLIS",
            description = "Count fault times from this instant (milliseconds since 1970-01-01 UTC), e.g. the start "
                    + "of a rehearsal's traffic; default: when the proxy starts listening.")
    Long startAt;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private volatile FaultProxy proxy;

    @Override
    public Integer call() throws Exception {
        ListenAddress at;
        Upstream target;
        try {
            at = ListenAddress.parse(addresses.listen, FaultProxyOptions.DEFAULT_LISTEN_HOST);
            target = Upstream.parse(addresses.upstream);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (startAt != null && startAt < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--start-at must be >= 0, was " + startAt);
        }
        List<FaultSpec> faults = ScenarioLoader.loadFaults(faultsFile);
        PrintWriter err = spec.commandLine().getErr();
        FaultProxyOptions options = new FaultProxyOptions(at.host(), at.port(), target, faults, seed,
                startAt == null ? null : Instant.ofEpochMilli(startAt));
        FaultProxy started;
        try {
            started = FaultProxy.start(options, line -> say(err, line));
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
        proxy = started;
        Thread hook = new Thread(started::close, "shadowgate-proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        say(err, String.format(Locale.ROOT, "listening on %s, forwarding to %s with %d fault%s from %s (Ctrl-C to stop)",
                started.uri(), target, faults.size(), faults.size() == 1 ? "" : "s", faultsFile));
        started.awaitClose();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is what closed the proxy.
        }
        return ExitCode.GO;
    }

    /** Stops a running proxy as SIGINT would (for tests and embedding); does nothing if none runs. */
    void stop() {
        FaultProxy p = proxy;
        if (p != null) {
            p.close();
        }
    }

    /** One line on stderr; called from the event loop for fault events, so it flushes itself. */
    private static void say(PrintWriter err, String line) {
        err.println("shadowgate proxy: " + line);
        err.flush();
    }
}
