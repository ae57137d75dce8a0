package io.shadowgate.cli;

import io.shadowgate.capture.ByteSizes;
import io.shadowgate.capture.CaptureOptions;
import io.shadowgate.capture.CaptureProxy;
import io.shadowgate.capture.CaptureStats;
import io.shadowgate.capture.Upstream;
import io.shadowgate.traffic.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shadowgate capture}: a recording reverse proxy until SIGINT/SIGTERM. The shutdown hook
 * stops it (bounded: about 2 s for exchanges in flight, then the writer), prints the counts,
 * and only then lets the JVM go, so the file always gets its trailer.
 */
@Command(name = "capture",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a recording reverse proxy until interrupted: forward HTTP/1.1 traffic to --upstream "
                + "unchanged and write a sampled copy, credentials redacted, to a traffic file.")
final class CaptureCommand implements Callable<Integer> {

    @Mixin
    ReverseProxyAddresses addresses;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Traffic file to write (.jsonl, or .jsonl.gz for gzip); rotated files continue as "
                    + "FILE-0001.jsonl.gz, FILE-0002.jsonl.gz, ...")
    Path out;

    @Option(names = "--sample", defaultValue = "100%", converter = FractionConverter.class,
            description = "Share of exchanges recorded, e.g. 10%%; every exchange is forwarded (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-body", defaultValue = "1MiB", paramLabel = "SIZE",
            description = "Bytes of each request and response body kept in the record; longer bodies are forwarded "
                    + "whole, recorded cut short and marked with X-Shadowgate-Truncated (default: ${DEFAULT-VALUE}).")
    String maxBody;

    @Option(names = "--rotate-mb", defaultValue = "512", paramLabel = "MIB",
            description = "Start the next file once the current one is this many MiB on disk; 0 never rotates "
                    + "(default: ${DEFAULT-VALUE}).")
    long rotateMb;

    @Option(names = "--redact-header", paramLabel = "NAME",
            description = "Also redact this header (repeatable); Authorization, Proxy-Authorization, Cookie and "
                    + "Set-Cookie always are, unless --no-redact.")
    List<String> redactHeaders = new ArrayList<>();

    @Option(names = "--redact-field", paramLabel = "NAME", description = "Redact this JSON body field wherever it appears (repeatable).")
    List<String> redactFields = new ArrayList<>();

    @Option(names = "--no-redact", description = "Record every credential as sent (the file's header says so).")
    boolean noRedact;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile CaptureProxy proxy;
    private CaptureStats stats;

    @Override
    public Integer call() throws Exception {
        CaptureOptions options = options();
        CaptureProxy started;
        try {
            started = CaptureProxy.start(options);
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot write --out " + out + ": " + e.getMessage());
        }
        proxy = started;
        Thread hook = new Thread(() -> finish(started), "shadowgate-capture-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "capture proxy listening on %s, forwarding to %s, recording %s of exchanges into %s (%s; "
                        + "Ctrl-C to stop)%n", started.uri(), options.upstream(), percent(sample), out,
                noRedact ? "NOT redacted" : "credentials redacted");
        o.flush();
        finished.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is what finished the capture.
        }
        return stats.failure() == null ? ExitCode.GO : ExitCode.INTERNAL;
    }

    /** Stops a running capture as SIGINT would (for tests and embedding); returns at once if none runs. */
    void stop() {
        CaptureProxy p = proxy;
        if (p != null) {
            finish(p);
        }
    }

    /** Stops the proxy, prints the counts once, and releases {@link #call}. */
    private synchronized void finish(CaptureProxy p) {
        if (stats != null) {
            return;
        }
        CaptureStats s = p.stop();
        PrintWriter o = spec.commandLine().getOut();
        List<Path> files = s.files();
        o.printf(Locale.ROOT, "capture stopped: recorded %d of %d exchanges into %s%s; not recorded: %d not sampled, "
                        + "%d dropped (writer behind), %d late, %d incomplete%n", s.recorded(), s.exchanges(),
                files.isEmpty() ? out : files.get(0), files.size() > 1 ? " and " + (files.size() - 1) + " rotated files" : "",
                s.notSampled(), s.dropped(), s.late(), s.incomplete());
        o.flush();
        if (s.failure() != null) {
            spec.commandLine().getErr().println("shadowgate: capture failed writing " + out + ": " + s.failure());
            spec.commandLine().getErr().flush();
        }
        stats = s;
        finished.countDown();
    }

    private CaptureOptions options() {
        if (noRedact && (!redactHeaders.isEmpty() || !redactFields.isEmpty())) {
            throw usage("--no-redact cannot be combined with --redact-header or --redact-field");
        }
        if (rotateMb < 0) {
            throw usage("--rotate-mb must be >= 0 (0 never rotates), was " + rotateMb);
        }
        long maxBodyBytes;
        Upstream target;
        try {
            maxBodyBytes = ByteSizes.parse(maxBody);
            target = Upstream.parse(addresses.upstream);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (maxBodyBytes > CaptureOptions.MAX_MAX_BODY_BYTES) {
            throw usage("--max-body must be at most 256MiB, was " + maxBody);
        }
        ListenAddress at;
        try {
            at = ListenAddress.parse(addresses.listen, CaptureOptions.DEFAULT_LISTEN_HOST);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Redactor redactor = noRedact ? Redactor.none() : Redactor.withDefaults(redactHeaders, redactFields);
        return CaptureOptions.of(target, out)
                .withListen(at.host(), at.port())
                .withSample(sample, seed)
                .withMaxBodyBytes((int) maxBodyBytes)
                .withRotateBytes(rotateMb << 20)
                .withRedactor(redactor);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String percent(double fraction) {
        return new BigDecimal(fraction * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
